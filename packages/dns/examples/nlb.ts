/**
 * Two prod services behind Network Load Balancers:
 * - `ingest`, internal: HTTPS terminated with an ACM certificate and AWS's recommended TLS policy
 *   on 443, syslog over UDP 514 passed through, each to a health-checked target group of pod IPs;
 *   only the on-premises ranges and a managed prefix list may connect (the security group attached
 *   at creation), and the NLB reaches only the prod VPC's targets on their ports and health-check
 *   ports; access logs to the service's log bucket; deletion protection on. No Shield Advanced:
 *   an internal NLB has no Elastic IP for it to protect.
 * - `partner`, internet-facing: TLS 443 from two partner ranges, one Elastic IP per public subnet,
 *   each protected by Shield Advanced (on by default for an internet-facing prod service) with
 *   health-based detection from the service's Route 53 health check.
 */
import * as aws from "@pulumi/aws";
import { NlbService } from "../src";

const PROD = { accountId: "400000000004", region: "eu-west-1", prod: true } as const;
const CERT = "arn:aws:acm:eu-west-1:400000000004:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const VPC = { vpcId: "vpc-0prod000000000001", targetCidrs: ["10.16.0.0/16"] };

export default function nlb() {
  const provider = new aws.Provider("prod", { region: "eu-west-1" });
  const ingest = new NlbService(
    "ingest",
    {
      ...PROD,
      ...VPC,
      namePrefix: "prod-ingest",
      subnetIds: ["subnet-0prod0000000000a", "subnet-0prod0000000000b", "subnet-0prod0000000000c"],
      config: {
        listeners: [
          {
            port: 443,
            protocol: "TLS",
            certificateArn: CERT,
            targetPort: 8443,
            healthCheck: { protocol: "HTTPS", path: "/healthz" },
          },
          { port: 514, protocol: "UDP", healthCheck: { protocol: "TCP", port: 601 } },
        ],
        sourceCidrs: ["172.16.0.0/16", "192.168.0.0/20"],
        sourcePrefixListIds: ["pl-0a1b2c3d4e5f60718"],
        crossZone: false,
      },
    },
    { provider },
  );
  const partner = new NlbService(
    "partner",
    {
      ...PROD,
      ...VPC,
      namePrefix: "prod-partner",
      subnetIds: ["subnet-0prodpub00000000a", "subnet-0prodpub00000000b"],
      shieldHealthCheckArn: "arn:aws:route53:::healthcheck/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
      config: {
        scheme: "internet-facing",
        listeners: [{ port: 443, protocol: "TLS", certificateArn: CERT, targetPort: 8443 }],
        sourceCidrs: ["198.51.100.0/24", "203.0.113.0/24"],
      },
    },
    { provider },
  );
  return {
    dnsName: ingest.dnsName,
    targetGroups: ingest.targetGroupArns,
    partnerDnsName: partner.dnsName,
  };
}
