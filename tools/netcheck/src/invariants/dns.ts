/**
 * Hybrid DNS must survive every failover: on-premises resolvers reach the Resolver inbound
 * endpoint, and the outbound endpoint reaches the on-premises resolvers its rules forward to.
 */
import { cidrContains } from "@platform/core/cidr";
import { cidr } from "../routing";
import type { Invariant } from "./invariant";
import { perScenario } from "./invariant";

const inside = (ip: string, ranges: readonly string[]) =>
  ranges.some((r) => cidrContains(cidr(r), cidr(`${ip}/32`)));

export const hybridDnsReach: Invariant = {
  name: "hybrid-dns-reach",
  description:
    "When the hub has hybrid DNS, on-premises reaches the VPC of the Resolver inbound endpoint (whose fixed addresses lie in it) and that VPC reaches on-premises, where every forwarding target lies, in every scenario.",
  check: perScenario(({ result }, { model, vpcs }) => {
    const dns = model.dns;
    if (!dns || !result.dns) return [];
    const found: string[] = [];
    const vpc = vpcs.find((v) => v.id === dns.attachment);
    for (const ip of dns.inboundAddresses)
      if (!vpc || !inside(ip, [vpc.cidr!]))
        found.push(
          `the inbound endpoint address ${ip} lies in no attached VPC holding the Resolver endpoints`,
        );
    for (const ip of dns.forwardTargets)
      if (!inside(ip, model.onPremises))
        found.push(
          `the forwarding target ${ip} is outside the on-premises ranges (${model.onPremises.join(", ")}): nothing routes DNS queries to it`,
        );
    if (!result.dns.inbound.reachable)
      found.push(
        `on-premises resolvers cannot reach the Resolver inbound endpoint: ${result.dns.inbound.text}`,
      );
    if (!result.dns.outbound.reachable)
      found.push(
        `the Resolver outbound endpoint cannot reach the on-premises resolvers: ${result.dns.outbound.text}`,
      );
    return found;
  }),
};
