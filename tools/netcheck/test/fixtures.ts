/** Small hand-written network models for the invariant tests: a correct hub and variants. */
import type { Attachment, NetworkModel } from "../src";

const net = "platform-network/network";
const A = (a: Partial<Attachment> & Pick<Attachment, "id" | "kind">): Attachment => ({
  stack: net,
  ...a,
});

/** A small hub: dev (nonprod) and prod VPCs, DX and two VPNs in hybrid, summarised allocations. */
export function good(): NetworkModel {
  return {
    segments: {
      prod: { tier: "prod" },
      nonprod: { tier: "nonprod" },
      shared: { tier: "shared" },
      hybrid: { tier: "shared" },
    },
    attachments: [
      A({
        id: "dev",
        kind: "vpc",
        stack: "platform-dev/dev",
        environment: "dev",
        cidr: "10.16.0.0/16",
        associatedWith: "nonprod",
      }),
      A({
        id: "prod",
        kind: "vpc",
        stack: "platform-prod/prod",
        environment: "prod",
        cidr: "10.24.0.0/16",
        associatedWith: "prod",
      }),
      A({ id: "dx", kind: "dx", associatedWith: "hybrid" }),
      A({ id: "vpn1", kind: "vpn", device: "dc1", tunnels: 2, associatedWith: "hybrid" }),
      A({ id: "vpn2", kind: "vpn", device: "dc2", tunnels: 2, associatedWith: "hybrid" }),
    ],
    staticRoutes: [
      { table: "hybrid", prefix: "10.16.0.0/14", attachment: "dev", origin: "static" },
      { table: "hybrid", prefix: "10.24.0.0/14", attachment: "prod", origin: "static" },
    ],
    propagations: [
      { attachment: "dev", table: "nonprod" },
      { attachment: "prod", table: "prod" },
      ...["dx", "vpn1", "vpn2"].flatMap((a) =>
        ["nonprod", "prod", "shared"].map((table) => ({ attachment: a, table })),
      ),
    ],
    vpcRoutes: [
      { attachment: "dev", routeTable: "dev-private-a", prefix: "172.16.0.0/16" },
      { attachment: "prod", routeTable: "prod-private-a", prefix: "172.16.0.0/16" },
    ],
    dxAllowedPrefixes: ["10.16.0.0/14", "10.24.0.0/14"],
    onPremises: ["172.16.0.0/16"],
    sharedServices: [],
    allowedPrefixQuota: 200,
  };
}

/**
 * The same hub with the shared-services VPC (10.8.0.0/16) in the shared segment, the deploy runner
 * in its private subnets, private Kubernetes APIs in dev and prod, and DX advertising 10.8.0.0/16.
 */
export function withRunner(): NetworkModel {
  const m = good();
  return {
    ...m,
    attachments: [
      ...m.attachments.map((a) =>
        a.kind === "vpc" ? { ...a, kubernetesApi: "private" as const } : a,
      ),
      A({
        id: "shared",
        kind: "vpc",
        environment: "shared-services",
        cidr: "10.8.0.0/16",
        associatedWith: "shared",
      }),
    ],
    staticRoutes: [
      ...m.staticRoutes,
      { table: "hybrid", prefix: "10.8.0.0/16", attachment: "shared", origin: "static" },
    ],
    propagations: [
      ...m.propagations,
      { attachment: "dev", table: "shared" },
      { attachment: "prod", table: "shared" },
      ...["nonprod", "prod", "shared"].map((table) => ({ attachment: "shared", table })),
    ],
    vpcRoutes: [
      ...m.vpcRoutes,
      { attachment: "dev", routeTable: "dev-private-a", prefix: "10.8.0.0/16" },
      { attachment: "prod", routeTable: "prod-private-a", prefix: "10.8.0.0/16" },
      ...["172.16.0.0/16", "10.16.0.0/14", "10.24.0.0/14"].map((prefix) => ({
        attachment: "shared",
        routeTable: "shared-services-private-a",
        prefix,
      })),
    ],
    dxAllowedPrefixes: [...m.dxAllowedPrefixes, "10.8.0.0/16"],
    sharedServices: ["10.8.0.0/16"],
    deployRunner: { projectName: "deploy", cidrs: ["10.8.0.0/20", "10.8.32.0/20"] },
  };
}
