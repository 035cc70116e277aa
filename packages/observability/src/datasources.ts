/**
 * Grafana's datasources, provisioned as code (Grafana docs, Provision Grafana, data sources:
 * https://grafana.com/docs/grafana/latest/administration/provisioning/#data-sources), with the
 * correlations that make an alert lead to traces and logs:
 *
 * - Prometheus exemplars carry a `trace_id`: `exemplarTraceIdDestinations` opens it in Tempo.
 * - Tempo traces-to-logs (`tracesToLogsV2`) queries Loki by the span's trace id within the span's
 *   time range, filtered by the service and namespace labels the Collector puts on both.
 * - Loki derived fields turn a `trace_id` (structured metadata from OTLP logs, or `trace_id=` in
 *   a log line) into a link to Tempo.
 * - CloudWatch (DX, VPN and other AWS metrics) through the AWS SDK's default credential chain,
 *   which in the pod is EKS Pod Identity (read-only role, see identity.ts).
 *
 * Every `datasourceUid` link points at a uid defined here (test/datasources.test.ts).
 */

/** Stable datasource uids: dashboards and links refer to these, never to names. */
export const DATASOURCE_UIDS = {
  prometheus: "prometheus",
  alertmanager: "alertmanager",
  loki: "loki",
  tempo: "tempo",
  cloudwatch: "cloudwatch",
  cloudwatchNetwork: "cloudwatch-network",
} as const;

/** In-cluster endpoints of the releases (release names of releases.ts). */
export function serviceUrls(namespace: string) {
  const svc = (name: string, port: number) => `http://${name}.${namespace}.svc:${port}`;
  return {
    prometheus: svc("kube-prometheus-stack-prometheus", 9090),
    alertmanager: svc("kube-prometheus-stack-alertmanager", 9093),
    loki: svc("loki-gateway", 80),
    tempo: svc("tempo", 3200),
  };
}

/** The labels that join traces to logs: OTel resource attribute -> Loki label. */
export const CORRELATION_LABELS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "service.name", value: "service_name" },
  { key: "k8s.namespace.name", value: "k8s_namespace_name" },
];

export interface DatasourceOptions {
  readonly namespace: string;
  /** Region the CloudWatch datasource queries by default (the environment's region). */
  readonly region: string;
  /**
   * A read-only role in the network account that Grafana's role assumes to read the DX and VPN
   * metrics there (the "CloudWatch (network)" datasource); omitted, no such datasource.
   */
  readonly networkMetricsRoleArn?: string;
  /** The region of the network account's DX/VPN metrics (the hub's); default `region`. */
  readonly networkRegion?: string;
}

export interface ProvisionedDatasource {
  name: string;
  type: string;
  uid: string;
  access: "proxy";
  url?: string;
  isDefault?: boolean;
  editable: false;
  jsonData: Record<string, unknown>;
}

export function datasources(o: DatasourceOptions): ProvisionedDatasource[] {
  const url = serviceUrls(o.namespace);
  const u = DATASOURCE_UIDS;
  return [
    {
      name: "Prometheus",
      type: "prometheus",
      uid: u.prometheus,
      access: "proxy",
      url: url.prometheus,
      isDefault: true,
      editable: false,
      jsonData: {
        httpMethod: "POST",
        timeInterval: "30s",
        // Exemplars recorded with the span's trace id (OTel SDKs attach them to histograms).
        exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: u.tempo }],
      },
    },
    {
      name: "Alertmanager",
      type: "alertmanager",
      uid: u.alertmanager,
      access: "proxy",
      url: url.alertmanager,
      editable: false,
      jsonData: { implementation: "prometheus", handleGrafanaManagedAlerts: false },
    },
    {
      name: "Loki",
      type: "loki",
      uid: u.loki,
      access: "proxy",
      url: url.loki,
      editable: false,
      jsonData: {
        maxLines: 1000,
        derivedFields: [
          {
            // OTLP logs: the Collector sends trace_id as Loki structured metadata.
            name: "TraceID",
            matcherType: "label",
            matcherRegex: "trace_id",
            url: "${__value.raw}",
            datasourceUid: u.tempo,
            urlDisplayLabel: "View trace",
          },
          {
            // Applications that log the trace id in the line itself (trace_id=..., "traceId":"...").
            name: "TraceIDInLine",
            matcherType: "regex",
            matcherRegex: '(?:trace_?[iI][dD])["=: ]+"?([0-9a-f]{32})',
            url: "${__value.raw}",
            datasourceUid: u.tempo,
            urlDisplayLabel: "View trace",
          },
        ],
      },
    },
    {
      name: "Tempo",
      type: "tempo",
      uid: u.tempo,
      access: "proxy",
      url: url.tempo,
      editable: false,
      jsonData: {
        tracesToLogsV2: {
          datasourceUid: u.loki,
          spanStartTimeShift: "-5m",
          spanEndTimeShift: "5m",
          filterByTraceID: true,
          filterBySpanID: false,
          tags: CORRELATION_LABELS,
        },
        tracesToMetrics: {
          datasourceUid: u.prometheus,
          spanStartTimeShift: "-5m",
          spanEndTimeShift: "5m",
          tags: [{ key: "service.name", value: "service_name" }],
        },
        serviceMap: { datasourceUid: u.prometheus },
        nodeGraph: { enabled: true },
        lokiSearch: { datasourceUid: u.loki },
        search: { hide: false },
      },
    },
    {
      name: "CloudWatch",
      type: "cloudwatch",
      uid: u.cloudwatch,
      access: "proxy",
      editable: false,
      // "default": the AWS SDK's credential chain, which in the pod is EKS Pod Identity (Grafana
      // docs, AWS authentication: https://grafana.com/docs/grafana/latest/datasources/aws-cloudwatch/aws-authentication/).
      jsonData: { authType: "default", defaultRegion: o.region },
    },
    ...(o.networkMetricsRoleArn
      ? [
          {
            name: "CloudWatch (network)",
            type: "cloudwatch",
            uid: u.cloudwatchNetwork,
            access: "proxy" as const,
            editable: false as const,
            // The pod's identity assumes the network account's read-only role (grafana.ini
            // aws.assume_role_enabled; the role trusts this environment's Grafana role; see
            // network-metrics.ts), in the hub's region where the DX and VPN metrics are.
            jsonData: {
              authType: "default",
              assumeRoleArn: o.networkMetricsRoleArn,
              defaultRegion: o.networkRegion ?? o.region,
            },
          },
        ]
      : []),
  ];
}

/** Every `datasourceUid` a datasource links to, with where (`<name>.<json path>`). */
export function datasourceLinks(
  list: readonly ProvisionedDatasource[],
): Array<{ from: string; path: string; uid: string }> {
  const out: Array<{ from: string; path: string; uid: string }> = [];
  const walk = (from: string, value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(from, v, `${path}[${i}]`));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (k === "datasourceUid") out.push({ from, path, uid: String(v) });
        else walk(from, v, `${path}.${k}`);
      }
  };
  for (const d of list) walk(d.uid, d.jsonData, "jsonData");
  return out;
}

/** The provisioning file Grafana reads (apiVersion 1). */
export function datasourceProvisioning(o: DatasourceOptions) {
  return { apiVersion: 1, datasources: datasources(o) };
}
