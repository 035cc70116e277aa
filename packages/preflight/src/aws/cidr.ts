/**
 * CIDR sizes and placements the EC2, VPN and EKS APIs refuse: VPC and subnet blocks between /16
 * and /28 with no host bits, subnets inside their VPC, VPN tunnel inside CIDRs as /30s of
 * 169.254.0.0/16 outside the reserved ones, EKS service CIDRs between /12 and /24.
 */
import {
  cidrProblem,
  parseCidr,
  RESERVED_TUNNEL_INSIDE_CIDRS as RESERVED_TUNNEL,
} from "@platform/core/cidr";
import type { Cidr } from "@platform/core/cidr";
import { asObject, known } from "../context";
import type { Problem, Rule } from "../types";

const VPC_SIZING =
  "Amazon VPC User Guide, VPC CIDR blocks (IPv4 VPC and subnet sizing /16 to /28), https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html";
const VPN_TUNNEL =
  "Site-to-Site VPN User Guide, tunnel options (inside IPv4 CIDR: a /30 in 169.254.0.0/16, reserved blocks), https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html";
const EKS_API =
  "EKS API KubernetesNetworkConfigRequest (serviceIpv4Cidr /12 to /24), https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html";

function within(inner: Cidr, outer: Cidr): boolean {
  const size = (c: Cidr) => 2 ** (32 - c.prefix);
  return inner.base >= outer.base && inner.base + size(inner) <= outer.base + size(outer);
}

function sized(value: string, min: number, max: number, what: string): string | undefined {
  const problem = cidrProblem(value);
  if (problem) return `${what} "${value}" ${problem}`;
  const { prefix } = parseCidr(value);
  if (prefix < min || prefix > max)
    return `${what} "${value}" is a /${prefix}; AWS accepts /${min} to /${max}`;
  return undefined;
}

export const awsCidrs: Rule = {
  id: "aws-cidr-sizes",
  family: "aws",
  description:
    "VPC and subnet blocks outside /16-/28 or with host bits, subnets outside their VPC, VPN tunnel inside CIDRs that are not allowed /30s, EKS service CIDRs outside /12-/24",
  source: `${VPC_SIZING}; ${VPN_TUNNEL}; ${EKS_API}`,
  *check(ctx) {
    const problem = (urn: string, message: string, source: string): Problem => ({
      severity: "error",
      urn,
      message,
      source,
    });
    for (const r of ctx.ofType(
      "aws:ec2/vpc:Vpc",
      "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
    )) {
      const cidr = r.inputs["cidrBlock"];
      if (!known(cidr)) continue;
      const message = sized(String(cidr), 16, 28, "cidrBlock");
      if (message) yield problem(r.urn, message, VPC_SIZING);
    }
    for (const r of ctx.ofType("aws:ec2/subnet:Subnet")) {
      const cidr = r.inputs["cidrBlock"];
      if (!known(cidr)) continue;
      const message = sized(String(cidr), 16, 28, "cidrBlock");
      if (message) {
        yield problem(r.urn, message, VPC_SIZING);
        continue;
      }
      const vpc = ctx.ref(r, "vpcId", "aws:ec2/vpc:Vpc");
      const blocks = vpc
        ? [
            vpc,
            ...ctx.referrers(
              vpc,
              "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
              "vpcId",
            ),
          ]
            .map((v) => v.inputs["cidrBlock"])
            .filter((c): c is string => typeof c === "string" && !cidrProblem(c))
        : [];
      if (
        vpc &&
        blocks.length &&
        !blocks.some((b) => within(parseCidr(String(cidr)), parseCidr(b)))
      ) {
        yield problem(
          r.urn,
          `cidrBlock "${String(cidr)}" is not inside its VPC (${blocks.join(", ")})`,
          VPC_SIZING,
        );
      }
    }
    const linkLocal = parseCidr("169.254.0.0/16");
    for (const r of ctx.ofType("aws:ec2/vpnConnection:VpnConnection")) {
      for (const key of ["tunnel1InsideCidr", "tunnel2InsideCidr"]) {
        const cidr = r.inputs[key];
        if (!known(cidr)) continue;
        const text = String(cidr);
        const bad = cidrProblem(text);
        if (bad || parseCidr(text).prefix !== 30 || !within(parseCidr(text), linkLocal)) {
          yield problem(r.urn, `${key} "${text}" must be a /30 inside 169.254.0.0/16`, VPN_TUNNEL);
        } else if (RESERVED_TUNNEL.includes(text)) {
          yield problem(
            r.urn,
            `${key} "${text}" is one of the /30s AWS reserves (${RESERVED_TUNNEL.join(", ")})`,
            VPN_TUNNEL,
          );
        }
      }
      const one = r.inputs["tunnel1InsideCidr"];
      if (known(one) && one === r.inputs["tunnel2InsideCidr"])
        yield problem(
          r.urn,
          `both tunnels use inside CIDR "${String(one)}"; each tunnel needs its own`,
          VPN_TUNNEL,
        );
    }
    for (const r of ctx.ofType("aws:eks/cluster:Cluster")) {
      const cidr = asObject(r.inputs["kubernetesNetworkConfig"])["serviceIpv4Cidr"];
      if (!known(cidr)) continue;
      const message = sized(String(cidr), 12, 24, "kubernetesNetworkConfig.serviceIpv4Cidr");
      if (message) yield problem(r.urn, message, EKS_API);
    }
  },
};
