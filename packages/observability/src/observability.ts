/**
 * Metrics, logs and traces for one environment's cluster: Prometheus with Alertmanager and
 * Grafana (kube-prometheus-stack), Loki and Tempo on S3, and the OpenTelemetry Collector as the
 * applications' one OTLP endpoint; the platform's alert rules, dashboards and correlated
 * datasources; alerts routed to the receivers' SNS topics. See docs/observability.md.
 */
import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { encryptedTopic } from "@platform/core";
import { alertmanagerConfig } from "./alertmanager";
import { cloudwatchRead, podRole, publishStatements, storeStatements } from "./identity";
import { OBSERVABILITY_NAMESPACE, prometheusRules, release } from "./releases";
import { assumeNetworkMetricsStatement } from "./network-metrics";
import { alertRuleGroups } from "./rules";
import type { ObservabilityConfig } from "./schema";
import { etcdScrape, veleroScrape } from "./scrape";
import type { EtcdTarget } from "./scrape";
import { telemetryStores } from "./storage";
import { prometheusStackValues } from "./values/prometheus-stack";
import { collectorEndpoints, collectorValues, lokiValues, tempoValues } from "./values/telemetry";

/** Service accounts of the pods that hold a Pod Identity role. */
export const SERVICE_ACCOUNTS = {
  alertmanager: "alertmanager",
  grafana: "grafana",
  loki: "loki",
  tempo: "tempo",
} as const;

export interface ObservabilityArgs {
  /** The validated `observability` config section. */
  readonly config: ObservabilityConfig;
  readonly clusterName: pulumi.Input<string>;
  readonly kubernetesProvider: k8s.Provider;
  /** The encrypted StorageClass every volume uses (the EKS component's gp3-encrypted). */
  readonly storageClass: string;
  /** Prefix of bucket and topic names (the environment's name). */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * The application etcd cluster: scraped over mTLS (scrape.ts) and watched by the etcd alerts;
   * `backupMaxAgeSeconds` is its snapshot schedule's allowed age (@platform/etcd
   * maxBackupAgeSeconds). Omitted, no etcd scrape or alerts.
   */
  readonly etcd?: EtcdTarget & {
    readonly backupMaxAgeSeconds: number;
    /** The EtcdCluster component: its namespace and client secret exist before the scrape. */
    readonly dependsOn?: pulumi.Resource;
  };
  /**
   * The cluster's Velero (@platform/eks VeleroBackup): the seconds each schedule may go without a
   * successful backup (the Velero alerts), and the release, which creates the namespace the Velero
   * PodMonitor goes in. Omitted, no Velero scrape or backup-age alert.
   */
  readonly velero?: {
    readonly scheduleMaxAgeSeconds: Readonly<Record<string, number>>;
    readonly dependsOn?: pulumi.Resource;
  };
  /**
   * The network account's read-only metrics role (hub output `networkMetrics`) and the region of
   * its DX/VPN metrics: Grafana's role may assume it, and the "CloudWatch (network)" datasource,
   * which the network dashboard reads, does (network-metrics.ts). Omitted, no such datasource.
   */
  readonly networkMetrics?: { readonly roleArn: string; readonly region: string };
  readonly protect?: boolean;
  /** What must exist before the stack's pods can run (`EksCluster.workloadsReady`). */
  readonly clusterReady?: readonly pulumi.Resource[];
}

/** The weekly restore drill is overdue after eight days. */
const RESTORE_DRILL_MAX_AGE_SECONDS = 8 * 24 * 3600;

export class Observability extends pulumi.ComponentResource {
  readonly lokiBucketName: pulumi.Output<string>;
  readonly tempoBucketName: pulumi.Output<string>;
  readonly alertTopicArns: pulumi.Output<Record<string, string>>;
  /** Where applications send OTLP (gRPC and HTTP). */
  readonly otlpEndpoints: { grpc: string; http: string };

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:Observability", name, {}, opts);
    const c = args.config;
    const ns = OBSERVABILITY_NAMESPACE;
    const stores = telemetryStores(this, name, args);

    const topics = c.receivers.map((r) => ({
      receiver: r,
      ...encryptedTopic(
        `${name}-alerts-${r.name}`,
        {
          topicName: `${args.namePrefix}-alerts-${r.name}`,
          publishers: ["cloudwatch"],
          accountId: args.accountId,
          region: args.region,
          protect: args.protect,
        },
        { parent: this },
      ),
    }));
    topics.forEach(({ receiver, topic }) =>
      receiver.emails.forEach(
        (email, i) =>
          new aws.sns.TopicSubscription(
            `${name}-alerts-${receiver.name}-${i}`,
            { topic: topic.arn, protocol: "email", endpoint: email },
            { parent: this },
          ),
      ),
    );

    const identities = {
      loki: podRole(
        this,
        name,
        "loki",
        args,
        ns,
        SERVICE_ACCOUNTS.loki,
        storeStatements(stores.loki),
      ),
      tempo: podRole(
        this,
        name,
        "tempo",
        args,
        ns,
        SERVICE_ACCOUNTS.tempo,
        storeStatements(stores.tempo),
      ),
      grafana: podRole(this, name, "grafana", args, ns, SERVICE_ACCOUNTS.grafana, [
        ...cloudwatchRead(args),
        ...(args.networkMetrics
          ? [assumeNetworkMetricsStatement(args.networkMetrics.roleArn)]
          : []),
      ]),
      alertmanager: podRole(
        this,
        name,
        "alertmanager",
        args,
        ns,
        SERVICE_ACCOUNTS.alertmanager,
        pulumi
          .all([
            pulumi.all(topics.map((t) => t.topic.arn)),
            pulumi.all(topics.map((t) => t.key.arn)),
          ])
          .apply(([topicArns, keyArns]) => publishStatements(topicArns, keyArns)),
      ),
    };

    const ready = [...(args.clusterReady ?? [])];
    const operator = release(
      this,
      name,
      "kubePrometheusStack",
      args,
      prometheusStackValues({
        config: c,
        storageClass: args.storageClass,
        datasources: {
          namespace: ns,
          region: args.region,
          networkMetricsRoleArn: args.networkMetrics?.roleArn,
          networkRegion: args.networkMetrics?.region,
        },
        alertmanagerConfig: alertmanagerConfig(
          topics.map((t) => ({ ...t.receiver, topicArn: t.topic.arn })),
          args.region,
        ),
        serviceAccounts: SERVICE_ACCOUNTS,
      }),
      [identities.alertmanager, identities.grafana, ...ready],
    );
    const telemetry = {
      config: c,
      namespace: ns,
      region: args.region,
      storageClass: args.storageClass,
      lokiBucket: stores.loki.bucket.bucket.bucket,
      tempoBucket: stores.tempo.bucket.bucket.bucket,
      serviceAccounts: SERVICE_ACCOUNTS,
    };
    // Loki, Tempo and the Collector create ServiceMonitors: they wait for the operator's CRDs.
    release(this, name, "loki", args, lokiValues(telemetry), [identities.loki, operator]);
    release(this, name, "tempo", args, tempoValues(telemetry), [identities.tempo, operator]);
    release(this, name, "openTelemetryCollector", args, collectorValues(telemetry), [operator]);

    const groups = alertRuleGroups({
      etcd: args.etcd && {
        namespace: args.etcd.namespace,
        backupMaxAgeSeconds: args.etcd.backupMaxAgeSeconds,
        restoreDrillMaxAgeSeconds: RESTORE_DRILL_MAX_AGE_SECONDS,
        quotaWarningPercent: 80,
      },
      kubernetes: {
        volumeFreeWarningPercent: c.volumeFreePercent.warning,
        volumeFreeCriticalPercent: c.volumeFreePercent.critical,
      },
      velero: { scheduleMaxAgeSeconds: args.velero?.scheduleMaxAgeSeconds ?? {} },
    });
    prometheusRules(this, name, args, groups, operator);
    etcdScrape(this, name, args, operator);
    veleroScrape(this, name, args, operator);

    this.lokiBucketName = stores.loki.bucket.bucket.bucket;
    this.tempoBucketName = stores.tempo.bucket.bucket.bucket;
    this.alertTopicArns = pulumi
      .all(topics.map((t) => t.topic.arn))
      .apply((arns) => Object.fromEntries(topics.map((t, i) => [t.receiver.name, arns[i]!])));
    this.otlpEndpoints = collectorEndpoints(ns);
    this.registerOutputs({
      lokiBucketName: this.lokiBucketName,
      tempoBucketName: this.tempoBucketName,
      alertTopicArns: this.alertTopicArns,
    });
  }
}
