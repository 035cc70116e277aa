import { clusterDashboard } from "./cluster";
import { deliveryDashboard } from "./delivery";
import { etcdDashboard } from "./etcd";
import type { BuildOptions, DashboardSpec } from "./model";
import { buildDashboard } from "./model";
import { networkDashboard } from "./network";

export * from "./model";
export { clusterDashboard, deliveryDashboard, etcdDashboard, networkDashboard };

/** Every platform dashboard, in the order the docs describe them. */
export const DASHBOARDS: readonly DashboardSpec[] = [
  clusterDashboard,
  etcdDashboard,
  networkDashboard,
  deliveryDashboard,
];

/** The dashboards' JSON by file name (`<uid>.json`), for Grafana's dashboard provisioning. */
export function dashboardFiles(o: BuildOptions): Record<string, string> {
  return Object.fromEntries(
    DASHBOARDS.map((d) => [`${d.uid}.json`, JSON.stringify(buildDashboard(d, o))]),
  );
}
