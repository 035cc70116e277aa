import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  accountProvider,
  configError,
  configErrors,
  defaultTags,
  effectiveRoleArn,
  networkSpokeProvider,
  supportCheckDate,
} from "@platform/core";
import type { LoadedConfig } from "@platform/core";
import { readHubOutputs, TransitGatewaySpoke } from "@platform/transit-gateway";
import type { HubOutputs } from "@platform/transit-gateway";
import { AppDeliveryPipeline } from "@platform/delivery";
import { PrivateZone } from "@platform/dns";
import { EksCluster, pulumiRoleArns, supportFindings, VeleroBackup } from "@platform/eks";
import { EtcdCluster, placementFor } from "@platform/etcd";
import { accountLogSubscription } from "@platform/log-archive";
import { Vpc } from "@platform/vpc";
import { observabilityStack } from "./observability";
import { apiSourceCidrs, deployLocation, environmentSegment } from "./reach";
import type { environmentStackSchema } from "./schema";
import { ETCD_NAMESPACE, hubProblems } from "./validate";

export type EnvironmentConfig = LoadedConfig<typeof environmentStackSchema>;

/**
 * Everything an environment account gets, composed from the platform's components. The stack
 * programs of dev, test, prod (and any generated environment) call only this. Facts that need
 * the hub's outputs or the region's AZs are checked before any cloud resource is created.
 */
export async function deployEnvironment(config: EnvironmentConfig) {
  const env = config.account;
  const tags = defaultTags(env, config.tags);
  const provider = accountProvider(`${env.name}-account`, { env, tags });
  const hub = await readHubOutputs(config.network.hubStack);
  checkAgainstHub(config, hub);
  const zones = (await aws.getAvailabilityZones({ state: "available" }, { provider })).names;
  if (config.vpc.azCount > zones.length) {
    throw configError(
      "vpc.azCount",
      config.vpc.azCount,
      `${env.region} offers ${zones.length} AZs (${zones.join(", ")}); use at most ${zones.length}`,
    );
  }
  const networkProvider = networkSpokeProvider(`${env.name}-network`, {
    accountId: hub.accountId,
    region: hub.region,
    spokeRoleArn: config.network.hubRoleArn,
    sessionName: `pulumi-${env.name}-spoke`,
    tags,
  });
  const protect = env.tier === "prod";
  // Every log group of the account (flow logs, EKS control plane, CodeBuild) ships to the log
  // archive through one account-level subscription filter policy.
  if (config.logging)
    accountLogSubscription(`${env.name}-log-subscription`, config.logging, { provider });

  const vpc = new Vpc(
    env.name,
    {
      cidrBlock: config.vpc.cidr,
      availabilityZones: zones.slice(0, config.vpc.azCount),
      azSlots: config.vpc.azSlots,
      tiers: config.vpc.tiers,
      natStrategy: config.vpc.natStrategy,
      flowLogs: config.vpc.flowLogs,
      interfaceEndpoints: config.vpc.interfaceEndpoints,
      namePrefix: env.name,
      accountId: env.accountId,
      region: env.region,
      protect,
    },
    { provider },
  );
  const spoke = new TransitGatewaySpoke(
    `${env.name}-spoke`,
    {
      hub,
      segment: environmentSegment(config, hub)!,
      vpcId: vpc.vpcId,
      transitSubnetIds: vpc.subnetIds.transit,
      routeTables: [...vpc.routeTables.private, ...vpc.routeTables.data],
      summaryCidr: hub.addressPlan.environments[env.name]!.cidr,
      networkProvider,
      namePrefix: env.name,
    },
    { provider },
  );

  const zone = privateZone(config, hub, vpc.vpcId, { provider, networkProvider }, protect);

  // Config validation rejected what EKS would refuse or upgrade by itself; warn about the rest.
  for (const warning of supportFindings({
    version: config.eks.version,
    upgradePolicy: config.eks.upgradePolicy,
    addons: config.eks.addons,
    today: supportCheckDate(),
  }).warnings)
    pulumi.log.warn(warning);
  const eks = new EksCluster(
    env.name,
    {
      name: env.name,
      version: config.eks.version,
      upgradePolicy: config.eks.upgradePolicy,
      subnetIds: vpc.subnetIds.private,
      publicAccessCidrs: config.eks.apiAccess.publicAccessCidrs,
      apiSourceCidrs: apiSourceCidrs(config, hub),
      pulumiRoleArns: pulumiRoleArns(env.roleArn),
      kubeconfigRoleArn: effectiveRoleArn(env.roleArn),
      adminRoleArn: config.eks.adminRoleArn,
      nodeGroups: config.eks.nodeGroups,
      addons: config.eks.addons,
      logRetentionInDays: config.eks.logRetentionInDays,
      accountId: env.accountId,
      region: env.region,
      protect,
    },
    { provider },
  );
  const backup = new VeleroBackup(
    `${env.name}-backup`,
    {
      clusterName: eks.clusterName,
      kubernetesProvider: eks.kubernetesProvider,
      bucketName: `${env.name}-${env.accountId}-velero`,
      dailyRetentionDays: config.eks.backup.dailyRetentionDays,
      criticalNamespaces: config.eks.backup.criticalNamespaces,
      chartVersion: config.eks.backup.veleroChartVersion,
      awsPluginImage: config.eks.backup.veleroAwsPluginImage,
      accountId: env.accountId,
      region: env.region,
      protect,
      clusterReady: eks.workloadsReady,
    },
    { provider },
  );
  const etcd = config.etcd
    ? new EtcdCluster(
        `${env.name}-etcd`,
        {
          kubernetesProvider: eks.kubernetesProvider,
          certManager: eks.addons["cert-manager"],
          clusterReady: eks.workloadsReady,
          clusterName: eks.clusterName,
          namespace: ETCD_NAMESPACE,
          members: config.etcd.members,
          placement: placementFor(config.eks.nodeGroups, config.etcd.nodeGroup),
          image: config.etcd.image,
          storageClass: "gp3-encrypted",
          volumeSize: config.etcd.volumeSize,
          resources: config.etcd.resources,
          snapshotSchedule: config.etcd.snapshotSchedule,
          retentionDays: config.etcd.retentionDays,
          bucketName: `${env.name}-${env.accountId}-etcd`,
          accountId: env.accountId,
          region: env.region,
          protect,
        },
        { provider },
      )
    : undefined;
  const observability = observabilityStack(config, eks, backup, etcd, { provider, protect, hub });

  const delivery = config.delivery;
  const pipelines = (delivery?.apps ?? []).map(
    (app) =>
      new AppDeliveryPipeline(
        `${env.name}-${app.name}`,
        {
          app,
          connectionArn: delivery!.connectionArn,
          clusterName: eks.clusterName,
          clusterArn: eks.clusterArn,
          network: {
            vpcId: vpc.vpcId,
            subnetIds: vpc.subnetIds.private,
            clusterSecurityGroupId: eks.cluster.vpcConfig.clusterSecurityGroupId,
          },
          kubernetesProvider: eks.kubernetesProvider,
          requireApproval: env.tier === "prod",
          notificationEmails: delivery!.notificationEmails,
          logRetentionInDays: config.eks.logRetentionInDays,
          namePrefix: env.name,
          accountId: env.accountId,
          region: env.region,
          protect,
        },
        { provider },
      ),
  );

  return {
    accountId: env.accountId,
    region: env.region,
    tier: env.tier,
    segment: environmentSegment(config, hub)!,
    vpcId: vpc.vpcId,
    vpcCidr: vpc.cidrBlock,
    subnetIds: vpc.subnetIds,
    routeTableIds: vpc.routeTableIds,
    transitGatewayAttachmentId: spoke.attachmentId,
    clusterName: eks.clusterName,
    /** Where pulumi runs and reaches the Kubernetes API from (ADR 0004; read by preflight). */
    deployLocation: deployLocation(config, hub),
    veleroBucket: backup.bucketName,
    etcdBackupBucket: etcd?.bucketName,
    deliveryPipelines: pipelines.map((p) => p.pipelineName),
    alertTopics: observability?.alertTopicArns,
    privateZone: zone && { id: zone.zoneId, name: zone.zoneName },
  };
}

/**
 * The private zone `<env>.<hub internal domain>` (`dns`), associated with the hub's
 * shared-services VPC through the network account's spoke role, and the hub's shared forwarding
 * rules associated with the VPC (docs/dns.md). Refused when the hub has no hybrid DNS.
 */
function privateZone(
  config: EnvironmentConfig,
  hub: HubOutputs,
  vpcId: pulumi.Input<string>,
  { provider, networkProvider }: { provider: aws.Provider; networkProvider: aws.Provider },
  protect: boolean,
): PrivateZone | undefined {
  if (!config.dns) return undefined;
  if (!hub.dns)
    throw configError(
      "dns",
      config.dns,
      "the hub exports no dns; add sharedServices.dns to the network stack, or remove dns",
    );
  const env = config.account;
  return new PrivateZone(
    `${env.name}-dns`,
    {
      zoneName: `${env.name}.${hub.dns.internalDomain}`,
      vpcId,
      hub: config.dns.shareWithHub
        ? { vpcId: hub.dns.vpcId, region: hub.region, provider: networkProvider }
        : undefined,
      ruleIds: config.dns.associateRules ? hub.dns.ruleIds : undefined,
      acceptShareArn:
        config.dns.associateRules && hub.ram?.mode === "invitation" ? hub.dns.shareArn : undefined,
      protect,
    },
    { provider },
  );
}

/** The environment's place in the hub (see hubProblems), checked before creation; all problems at once. */
export function checkAgainstHub(config: EnvironmentConfig, hub: HubOutputs): void {
  const problems = hubProblems(config, hub);
  if (problems.length > 0) throw configErrors(problems);
}
