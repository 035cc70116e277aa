/**
 * The Firewall Manager content audit of the NLB services' security groups, from the
 * organisation's Firewall Manager administrator account (a security account, 500000000005):
 * config through `securityGroupAuditSchema`; a reference security group built in the account's
 * VPC allowing TLS 443 and syslog UDP 514 from the on-premises ranges and a managed prefix list,
 * and TCP 8443/601 out to the workload supernet (targets and health checks); every group tagged by
 * `NlbService` in the organisation, but in the sandbox account, must lie within it (ALLOW). Audit
 * only: remediation stays off.
 */
import * as aws from "@pulumi/aws";
import { SecurityGroupAudit, securityGroupAuditSchema } from "../src";

const SECURITY = "500000000005";

export default function firewallManager() {
  const provider = new aws.Provider("security", {
    region: "eu-west-1",
    allowedAccountIds: [SECURITY],
  });
  const onPremises = ["172.16.0.0/16", "192.168.0.0/20"];
  const config = securityGroupAuditSchema.parse({
    adminAccountId: SECURITY,
    referenceRules: [
      ...onPremises.flatMap((cidr) => [
        { protocol: "tcp", fromPort: 443, cidr, description: "TLS from on premises" },
        { protocol: "udp", fromPort: 514, cidr, description: "syslog from on premises" },
      ]),
      { protocol: "tcp", fromPort: 443, prefixListId: "pl-0a1b2c3d4e5f60718" },
      { direction: "egress", protocol: "tcp", fromPort: 8443, cidr: "10.0.0.0/8" },
      { direction: "egress", protocol: "tcp", fromPort: 601, cidr: "10.0.0.0/8" },
    ],
    exclude: { accounts: ["600000000006"], orgUnits: [] },
  });
  const audit = new SecurityGroupAudit(
    "nlb-audit",
    {
      namePrefix: "org",
      accountId: SECURITY,
      vpcId: "vpc-0security00000001",
      config,
    },
    { provider },
  );
  return { policyId: audit.policyId, reference: audit.referenceSecurityGroupId };
}
