/**
 * A synthetic hub for the benchmark: `vpcs` VPCs spread over `segments` segments (half prod-tier,
 * half nonprod-tier, plus hybrid), DX and two VPNs in the hybrid segment, `onPrem` on-premises
 * prefixes, summarised allocations, and VPC routes to every on-premises summary.
 */
import type { Attachment, NetworkModel, Propagation, TgwRoute, VpcRoute } from "./model";
import { DX_ALLOWED_PREFIX_QUOTA } from "./model";

export function syntheticModel(vpcs: number, segments: number, onPrem: number): NetworkModel {
  // One /20 allocation per VPC: more allowed prefixes than AWS's quota, so the model raises its
  // quota to stay compliant; the benchmark measures the work, not a quota violation.
  const names = Array.from({ length: segments }, (_, i) => `seg${i}`);
  const segmentMap: Record<string, { tier: string }> = Object.fromEntries(
    names.map((n, i) => [n, { tier: i % 2 ? "prod" : "nonprod" }]),
  );
  segmentMap["hybrid"] = { tier: "shared" };
  const attachments: Attachment[] = [
    { id: "dx", kind: "dx", stack: "net", associatedWith: "hybrid" },
    { id: "vpn1", kind: "vpn", stack: "net", device: "dc1", tunnels: 2, associatedWith: "hybrid" },
    { id: "vpn2", kind: "vpn", stack: "net", device: "dc2", tunnels: 2, associatedWith: "hybrid" },
  ];
  const staticRoutes: TgwRoute[] = [];
  const propagations: Propagation[] = [];
  const vpcRoutes: VpcRoute[] = [];
  const allocations: Record<string, string> = {};
  const onPremises = Array.from(
    { length: onPrem },
    (_, i) => `172.${16 + Math.floor(i / 256)}.${i % 256}.0/24`,
  );
  for (let v = 0; v < vpcs; v++) {
    const segment = names[v % segments]!;
    // VPC v: 10.x.y.0/20 in its own /20 allocation (up to 4,096 VPCs in 10.0.0.0/8).
    const base = v * 16;
    const cidr = `10.${Math.floor(base / 256)}.${base % 256}.0/20`;
    const id = `vpc${v}`;
    allocations[id] = cidr;
    attachments.push({
      id,
      kind: "vpc",
      stack: `env${v}`,
      environment: id,
      cidr,
      associatedWith: segment,
    });
    propagations.push({ attachment: id, table: segment });
    staticRoutes.push({ table: "hybrid", prefix: cidr, attachment: id, origin: "static" });
    for (const t of ["a", "b"])
      vpcRoutes.push({ attachment: id, routeTable: `${id}-private-${t}`, prefix: "172.16.0.0/12" });
  }
  for (const edge of ["dx", "vpn1", "vpn2"])
    for (const n of names) propagations.push({ attachment: edge, table: n });
  return {
    segments: segmentMap,
    attachments,
    staticRoutes,
    propagations,
    vpcRoutes,
    dxAllowedPrefixes: Object.values(allocations),
    onPremises,
    sharedServices: [],
    allowedPrefixQuota: Math.max(DX_ALLOWED_PREFIX_QUOTA, vpcs),
  };
}
