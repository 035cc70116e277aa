/**
 * Velero: its release dates and support window, the AWS plugin each minor needs, and the
 * Kubernetes versions each minor was tested on, as dated data with sources. The Helm chart version
 * decides the Velero version (the chart's appVersion).
 *
 * Support: the Velero maintainers support the current minor and the one before (best effort), so
 * a minor leaves support when the minor two after it is released.
 */
import type { Context } from "../context";
import { asArray, asObject, known } from "../context";
import type { Problem, Rule } from "../types";
import { clusterOfProvider, HELM_TYPES } from "../kubernetes/objects";

const SUPPORT =
  "Velero support process (current and n-1 minor), https://velero.io/docs/main/support-process/";
const PLUGIN =
  "velero-plugin-for-aws README, compatibility (plugin minor per Velero minor), https://github.com/vmware-tanzu/velero-plugin-for-aws#compatibility";
const MATRIX =
  "Velero README, compatibility matrix (Kubernetes versions tested per Velero minor), https://github.com/vmware-tanzu/velero#velero-compatibility-matrix";
const CHART =
  "vmware-tanzu/helm-charts, charts/velero/Chart.yaml (version and appVersion), https://github.com/vmware-tanzu/helm-charts/blob/main/charts/velero/Chart.yaml";
const RELEASES = "Velero releases (tag dates), https://github.com/vmware-tanzu/velero/releases";

/** Velero minors: release date (tag v1.x.0), the AWS plugin minor, Kubernetes versions tested. */
export const VELERO: ReadonlyArray<{
  minor: string;
  released: string;
  plugin: string;
  tested: readonly string[];
}> = [
  { minor: "1.13", released: "2024-01-24", plugin: "1.9", tested: ["1.26", "1.27", "1.28"] },
  { minor: "1.14", released: "2024-06-13", plugin: "1.10", tested: ["1.27", "1.28", "1.29"] },
  {
    minor: "1.15",
    released: "2024-10-28",
    plugin: "1.11",
    tested: ["1.28", "1.29", "1.30", "1.31"],
  },
  { minor: "1.16", released: "2025-04-08", plugin: "1.12", tested: ["1.31", "1.32", "1.33"] },
  { minor: "1.17", released: "2025-09-09", plugin: "1.13", tested: ["1.31", "1.32", "1.33"] },
  { minor: "1.18", released: "2026-03-02", plugin: "", tested: [] },
];

/** Chart version ranges (by chart major.minor) to the Velero version they ship. */
export const CHART_APP: ReadonlyArray<{ chart: RegExp; velero: string }> = [
  { chart: /^7\.[01]\./, velero: "1.14" },
  { chart: /^7\.2\./, velero: "1.14" },
  { chart: /^8\./, velero: "1.15" },
  { chart: /^(9|10)\./, velero: "1.16" },
  { chart: /^11\.[0-3]\./, velero: "1.17" },
  { chart: /^(11\.[4-9]|12)\./, velero: "1.18" },
];

function minorOf(version: string): string | undefined {
  return /^v?(\d+\.\d+)/.exec(version)?.[1];
}
const days = (a: Date, b: Date) => Math.floor((b.getTime() - a.getTime()) / 86_400_000);

/** Days before a support end at which preflight starts warning. */
export const WARN_DAYS = 60;

export const supportVelero: Rule = {
  id: "support-velero",
  family: "calendar",
  description:
    "Velero out of (or close to leaving) maintainer support, an AWS plugin of another minor than Velero needs, a cluster version Velero was not tested on",
  source: `${SUPPORT}; ${PLUGIN}; ${MATRIX}; ${CHART}; ${RELEASES}`,
  *check(ctx: Context) {
    for (const r of ctx.ofType(...HELM_TYPES)) {
      if (
        String(r.inputs["chart"] ?? "")
          .split("/")
          .pop() !== "velero"
      )
        continue;
      const version = r.inputs["version"];
      if (!known(version)) continue;
      const velero = CHART_APP.find((c) => c.chart.test(String(version)))?.velero;
      const entry = VELERO.find((v) => v.minor === velero);
      if (!entry) {
        yield {
          severity: "warning",
          urn: r.urn,
          message: `Velero chart ${String(version)} is not in preflight's calendar (src/calendar/velero.ts): add the Velero version it ships`,
          source: CHART,
        } satisfies Problem;
        continue;
      }
      // Support ends when the minor two after this one is released.
      const index = VELERO.indexOf(entry);
      const successor = VELERO[index + 2];
      if (successor) {
        const end = new Date(`${successor.released}T00:00:00Z`);
        const left = days(ctx.today, end);
        if (left < 0)
          yield {
            severity: "warning",
            urn: r.urn,
            message: `chart ${String(version)} ships Velero ${entry.minor}, out of maintainer support since ${successor.released} (Velero ${successor.minor} released; only the current and previous minor are supported): move to Velero ${VELERO[VELERO.length - 1]!.minor}`,
            source: `${SUPPORT}; ${RELEASES}`,
          };
        else if (left <= WARN_DAYS)
          yield {
            severity: "warning",
            urn: r.urn,
            message: `Velero ${entry.minor} leaves support on ${successor.released} (${left} days)`,
            source: SUPPORT,
          };
      }
      // The AWS plugin must be the minor this Velero minor needs.
      const images = asArray(asObject(r.inputs["values"])["initContainers"])
        .map((c) => String(asObject(c)["image"] ?? ""))
        .filter((i) => i.includes("velero-plugin-for-aws"));
      for (const image of images) {
        const plugin = minorOf(image.split(":").pop() ?? "");
        if (!entry.plugin)
          yield {
            severity: "warning",
            urn: r.urn,
            message: `the AWS plugin for Velero ${entry.minor} is not in the compatibility table yet; ${image} cannot be checked`,
            source: PLUGIN,
          };
        else if (plugin !== entry.plugin)
          yield {
            severity: "error",
            urn: r.urn,
            message: `${image} is plugin ${plugin ?? "(unpinned)"}, but Velero ${entry.minor} (chart ${String(version)}) needs velero-plugin-for-aws v${entry.plugin}.x`,
            source: PLUGIN,
          };
      }
      // Kubernetes versions Velero was tested on.
      const k8s = clusterOfProvider(ctx, ctx.get(r.provider))?.version;
      if (k8s && entry.tested.length && !entry.tested.includes(k8s))
        yield {
          severity: "warning",
          urn: r.urn,
          message: `Velero ${entry.minor} was tested on Kubernetes ${entry.tested.join(", ")}, not ${k8s}`,
          source: MATRIX,
        };
    }
  },
};
