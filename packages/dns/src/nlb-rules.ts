/**
 * The checks of a service behind a Network Load Balancer, pure (`nlbServiceSchema` runs them):
 * what Elastic Load Balancing would refuse, and what the platform requires of an NLB.
 */
import type { Problem } from "@platform/core";
import type { NlbServiceConfig } from "./schema";

const NLB = "https://docs.aws.amazon.com/elasticloadbalancing/latest/network";

/**
 * The TLS policy of TLS listeners: AWS's recommended policy (TLS 1.3 and 1.2, forward secrecy),
 * the default of the console (`describe-ssl-policies.html`).
 */
export const NLB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * - TLS needs an ACM certificate; TCP and UDP carry none (listener certificates, `create-tls-listener.html`).
 * - One listener per port: TCP and UDP on the same port is one TCP_UDP listener (`load-balancer-listeners.html`).
 * - A UDP target group cannot be health-checked over UDP: the schema offers only TCP, HTTP, HTTPS.
 * - HTTP(S) health checks take a path; TCP ones do not (`target-group-health-checks.html`).
 * - Someone must be allowed in: a source CIDR or prefix list (the security group's only rules).
 * - Shield Advanced protects an NLB through its Elastic IPs: only an internet-facing NLB has them.
 */
export function nlbServiceProblems(nlb: NlbServiceConfig): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<number, number>();
  nlb.listeners.forEach((l, i) => {
    if (l.protocol === "TLS" && l.certificateArn === undefined)
      problems.push({
        path: ["listeners", i, "certificateArn"],
        value: undefined,
        message: `a TLS listener needs an ACM certificate (${NLB}/create-tls-listener.html)`,
      });
    if (l.protocol !== "TLS" && l.certificateArn !== undefined)
      problems.push({
        path: ["listeners", i, "certificateArn"],
        value: l.certificateArn,
        message: `${l.protocol} passes traffic through and takes no certificate; use TLS to terminate at the load balancer`,
      });
    const first = seen.get(l.port);
    if (first !== undefined)
      problems.push({
        path: ["listeners", i, "port"],
        value: l.port,
        message: `repeats the port of listener ${first}; one listener per port (TCP and UDP on one port is TCP_UDP: ${NLB}/load-balancer-listeners.html)`,
      });
    else seen.set(l.port, i);
    const hc = l.healthCheck;
    if (hc.protocol === "TCP" && hc.path !== undefined)
      problems.push({
        path: ["listeners", i, "healthCheck", "path"],
        value: hc.path,
        message: `TCP health checks request no path; use HTTP or HTTPS (${NLB}/target-group-health-checks.html)`,
      });
  });
  if (nlb.shieldAdvanced === true && nlb.scheme === "internal")
    problems.push({
      path: ["shieldAdvanced"],
      value: true,
      message:
        "Shield Advanced protects an NLB only through the Elastic IPs of an internet-facing one (https://docs.aws.amazon.com/waf/latest/developerguide/ddos-protections-ec2-nlb.html); an internal NLB has none: set shieldAdvanced false or scheme internet-facing",
    });
  if (nlb.sourceCidrs.length === 0 && nlb.sourcePrefixListIds.length === 0)
    problems.push({
      path: ["sourceCidrs"],
      value: [],
      message: "nothing may connect: give sourceCidrs or sourcePrefixListIds",
    });
  return problems;
}

/**
 * An NLB's security groups are set when it is created: "If you don't associate a security group
 * with your load balancer when you create it, you can't associate one later"
 * (load-balancer-security-groups.html). Applied to a planned load balancer's inputs.
 */
export function nlbSecurityGroupProblems(
  securityGroupIds: readonly unknown[] | undefined,
): Problem[] {
  return securityGroupIds && securityGroupIds.length > 0
    ? []
    : [
        {
          path: ["securityGroups"],
          value: securityGroupIds,
          message: `an NLB created without security groups can never get one (${NLB}/load-balancer-security-groups.html); attach them at creation`,
        },
      ];
}

/** Deletion protection stays on in prod (the platform's rule for stateful and network anchors). */
export function nlbProdProblems(
  nlb: Pick<NlbServiceConfig, "deletionProtection">,
  prod: boolean,
): Problem[] {
  return prod && !nlb.deletionProtection
    ? [{ path: ["deletionProtection"], value: false, message: "must stay true in prod" }]
    : [];
}
