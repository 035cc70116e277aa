/**
 * Dashboards are declared as data (what each panel shows and asks), then built into Grafana's
 * dashboard JSON with the typed builders of @grafana/grafana-foundation-sdk. The declaration is
 * also what docs/observability.md describes (describeDashboards), so the docs cannot drift from
 * the panels.
 */
import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import * as cloudwatch from "@grafana/grafana-foundation-sdk/cloudwatch";
import * as common from "@grafana/grafana-foundation-sdk/common";
import {
  DashboardBuilder,
  QueryVariableBuilder,
  RowBuilder,
} from "@grafana/grafana-foundation-sdk/dashboard";
import type { Dashboard, Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import * as logs from "@grafana/grafana-foundation-sdk/logs";
import * as loki from "@grafana/grafana-foundation-sdk/loki";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import { DATASOURCE_UIDS } from "../datasources";

export type Query =
  | { readonly promql: string; readonly legend?: string }
  | { readonly logql: string }
  | {
      /** A CloudWatch metric-math or SEARCH expression; `id` names it for other expressions. */
      readonly cloudwatch: string;
      readonly id: string;
      readonly legend?: string;
      readonly hidden?: boolean;
    };

export interface PanelSpec {
  readonly title: string;
  /** What the panel answers, for the on-call (also the panel's description in Grafana). */
  readonly description: string;
  readonly kind: "timeseries" | "stat" | "logs";
  readonly unit?: string;
  readonly queries: readonly Query[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  /** Query variables (`$name`) over the Prometheus datasource: name -> label_values() query. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly rows: ReadonlyArray<{ readonly title: string; readonly panels: readonly PanelSpec[] }>;
}

export interface BuildOptions {
  /** The CloudWatch datasource network panels read (the network account's, when configured). */
  readonly cloudwatchUid: string;
  readonly region: string;
}

const ref = (type: string, uid: string): common.DataSourceRef => ({ type, uid });

function target(q: Query, o: BuildOptions, refId: string): cog.Builder<cog.Dataquery> {
  if ("promql" in q) {
    const b = new prometheus.DataqueryBuilder()
      .expr(q.promql)
      .refId(refId)
      .datasource(ref("prometheus", DATASOURCE_UIDS.prometheus))
      // Exemplars carry trace ids: a dot on the graph opens the trace in Tempo.
      .exemplar(true);
    return q.legend ? b.legendFormat(q.legend) : b;
  }
  if ("logql" in q)
    return new loki.DataqueryBuilder()
      .expr(q.logql)
      .refId(refId)
      .datasource(ref("loki", DATASOURCE_UIDS.loki));
  const b = new cloudwatch.MetricsQueryBuilder()
    .queryMode(cloudwatch.QueryMode.Metrics)
    .metricQueryType(cloudwatch.MetricQueryType.Search)
    .metricEditorMode(cloudwatch.MetricEditorMode.Code)
    .expression(q.cloudwatch)
    .id(q.id)
    .refId(refId)
    .region(o.region)
    .hide(q.hidden ?? false)
    .datasource(ref("cloudwatch", o.cloudwatchUid));
  return q.legend ? b.label(q.legend) : b;
}

function panel(p: PanelSpec, o: BuildOptions): cog.Builder<Panel> {
  const targets = p.queries.map((q, i) => target(q, o, String.fromCharCode(65 + i)));
  if (p.kind === "logs")
    return new logs.PanelBuilder()
      .title(p.title)
      .description(p.description)
      .targets(targets)
      .showTime(true)
      .wrapLogMessage(true)
      .height(10)
      .span(24);
  if (p.kind === "stat") {
    const b = new stat.PanelBuilder()
      .title(p.title)
      .description(p.description)
      .targets(targets)
      .colorMode(common.BigValueColorMode.Background)
      .graphMode(common.BigValueGraphMode.None)
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]))
      .height(5)
      .span(6);
    return p.unit ? b.unit(p.unit) : b;
  }
  const b = new timeseries.PanelBuilder()
    .title(p.title)
    .description(p.description)
    .targets(targets)
    .height(8)
    .span(12);
  return p.unit ? b.unit(p.unit) : b;
}

/** The Grafana dashboard JSON of a declaration. */
export function buildDashboard(spec: DashboardSpec, o: BuildOptions): Dashboard {
  const b = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(["platform", "generated"])
    .readonly()
    .refresh("1m")
    .time({ from: "now-6h", to: "now" })
    .timezone("utc");
  for (const [name, query] of Object.entries(spec.variables ?? {}))
    b.withVariable(
      new QueryVariableBuilder(name)
        .label(name)
        .query(query)
        .datasource(ref("prometheus", DATASOURCE_UIDS.prometheus))
        .includeAll(true)
        .multi(true),
    );
  for (const row of spec.rows) {
    b.withRow(new RowBuilder(row.title));
    for (const p of row.panels) b.withPanel(panel(p, o));
  }
  return b.build();
}

/** Markdown describing the dashboards panel by panel (docs/observability.md, between markers). */
export function describeDashboards(specs: readonly DashboardSpec[]): string {
  return specs
    .map((d) =>
      [
        `### ${d.title} (\`${d.uid}\`)`,
        "",
        d.description,
        "",
        ...d.rows.flatMap((r) => [
          `- **${r.title}**`,
          ...r.panels.map((p) => `  - _${p.title}_: ${p.description}`),
        ]),
      ].join("\n"),
    )
    .join("\n\n");
}
