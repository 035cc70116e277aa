import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import firewallManager from "../examples/firewall-manager";
import nlb from "../examples/nlb";
import simple from "../examples/simple";

const RECORD = "aws:route53/record:Record";

describe("examples", () => {
  describe("simple: a dev public zone with one record group per routing policy", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("creates the zone and every record under the component, through the eu-west-1 provider", () => {
      const component = resourceNamed(run, "platform:dns:PublicRecords", "dev-public");
      const zone = resourceNamed(run, "aws:route53/zone:Zone", "dev-public-zone");
      assert.equal(zone.inputs["name"], "dev.example.com");
      const records = resourcesOfType(run, RECORD);
      assert.equal(records.length, 13);
      const provider = resourceNamed(run, "pulumi:providers:aws", "dev").urn;
      assert.ok(records.every((r) => r.parent === component.urn && r.provider === provider));
      assert.ok(records.every((r) => r.propertyDependencies["zoneId"]?.includes(zone.urn)));
    });

    it("sets each policy's Route 53 input", () => {
      const input = (name: string, key: string) => resourceNamed(run, RECORD, name).inputs[key];
      assert.deepEqual(input("dev-public-app.dev.example.com-a-blue", "weightedRoutingPolicies"), [
        { weight: 90 },
      ]);
      assert.deepEqual(
        input("dev-public-api.dev.example.com-a-us-east-1", "latencyRoutingPolicies"),
        [{ region: "us-east-1" }],
      );
      assert.deepEqual(
        input("dev-public-portal.dev.example.com-a-secondary", "failoverRoutingPolicies"),
        [{ type: "SECONDARY" }],
      );
      assert.deepEqual(
        input("dev-public-shop.dev.example.com-a-default", "geolocationRoutingPolicies"),
        [{ country: "*" }],
      );
      assert.deepEqual(
        input("dev-public-shop.dev.example.com-a-europe", "geolocationRoutingPolicies"),
        [{ continent: "EU" }],
      );
      assert.deepEqual(
        input("dev-public-media.dev.example.com-a-dublin", "geoproximityRoutingPolicy"),
        { awsRegion: "eu-west-1", bias: 25 },
      );
      assert.equal(
        input("dev-public-ns-edge.dev.example.com-a-b", "multivalueAnswerRoutingPolicy"),
        true,
      );
      const simpleRecord = resourceNamed(run, RECORD, "dev-public-www.dev.example.com-cname");
      assert.deepEqual(
        [simpleRecord.inputs["ttl"], simpleRecord.inputs["setIdentifier"]],
        [300, undefined],
      );
    });

    it("health-checks the failover primary and every multivalue record", () => {
      const checkOf = (record: string) =>
        resourceNamed(run, RECORD, record).propertyDependencies["healthCheckId"];
      const check = (key: string) =>
        resourceNamed(run, "aws:route53/healthCheck:HealthCheck", `dev-public-hc-${key}`).urn;
      assert.deepEqual(checkOf("dev-public-portal.dev.example.com-a-primary"), [check("api-eu")]);
      assert.deepEqual(checkOf("dev-public-ns-edge.dev.example.com-a-a"), [check("dns-a")]);
      const tcp = resourceNamed(
        run,
        "aws:route53/healthCheck:HealthCheck",
        "dev-public-hc-dns-b",
      ).inputs;
      assert.deepEqual([tcp["type"], tcp["port"], tcp["resourcePath"]], ["TCP", 53, undefined]);
    });

    it("alarms on every health check in us-east-1, to the us-east-1 topic", () => {
      const usEast1 = resourceNamed(run, "pulumi:providers:aws", "dev-us-east-1").urn;
      const topic = resourceNamed(run, "aws:sns/topic:Topic", "dev-dns-alarms").urn;
      const alarms = resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
      assert.equal(alarms.length, 4);
      for (const alarm of alarms) {
        assert.equal(alarm.provider, usEast1);
        assert.deepEqual(
          [alarm.inputs["namespace"], alarm.inputs["metricName"]],
          ["AWS/Route53", "HealthCheckStatus"],
        );
        assert.deepEqual(alarm.propertyDependencies["alarmActions"], [topic]);
      }
    });
  });

  describe("complete: hybrid DNS in the hub, a prod private zone, a signed public zone", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete);
    });
    const provider = (name: string) => resourceNamed(run, "pulumi:providers:aws", name).urn;

    it("puts both Resolver endpoints in two subnets with their own security groups", () => {
      for (const direction of ["inbound", "outbound"]) {
        const endpoint = resourceNamed(
          run,
          "aws:route53/resolverEndpoint:ResolverEndpoint",
          `shared-dns-${direction}`,
        );
        assert.equal(endpoint.inputs["direction"], direction.toUpperCase());
        assert.equal((endpoint.inputs["ipAddresses"] as unknown[]).length, 2);
        assert.deepEqual(endpoint.propertyDependencies["securityGroupIds"], [
          resourceNamed(run, "aws:ec2/securityGroup:SecurityGroup", `shared-dns-${direction}`).urn,
        ]);
      }
      const inbound = resourceNamed(
        run,
        "aws:route53/resolverEndpoint:ResolverEndpoint",
        "shared-dns-inbound",
      );
      assert.deepEqual(inbound.inputs["ipAddresses"], [
        { subnetId: "subnet-0shared00000000a", ip: "10.8.0.53" },
        { subnetId: "subnet-0shared00000000b", ip: "10.8.32.53" },
      ]);
      assert.deepEqual(run.outputs["inboundAddresses"], ["10.8.0.53", "10.8.32.53"]);
    });

    it("allows DNS only: TCP and UDP 53 from the address plan in, to the on-premises resolvers out", () => {
      const ingress = resourcesOfType(
        run,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      );
      assert.equal(ingress.length, 8);
      assert.ok(ingress.every((r) => r.inputs["fromPort"] === 53 && r.inputs["toPort"] === 53));
      assert.ok(ingress.every((r) => r.inputs["cidrIpv4"] !== "0.0.0.0/0"));
      const egress = resourcesOfType(
        run,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      );
      assert.deepEqual(
        egress
          .map((r) => `${r.inputs["ipProtocol"]} ${r.inputs["cidrIpv4"]}:${r.inputs["fromPort"]}`)
          .sort(),
        [
          "tcp 172.16.0.10/32:53",
          "tcp 172.16.1.10/32:53",
          "tcp 192.168.0.53/32:5353",
          "udp 172.16.0.10/32:53",
          "udp 172.16.1.10/32:53",
          "udp 192.168.0.53/32:5353",
        ],
      );
    });

    it("forwards each on-premises domain and shares the rules with prod through RAM", () => {
      const rule = resourceNamed(
        run,
        "aws:route53/resolverRule:ResolverRule",
        "shared-dns-forward-legacy-example-net",
      );
      assert.deepEqual(rule.inputs["targetIps"], [{ ip: "192.168.0.53", port: 5353 }]);
      assert.equal(rule.inputs["ruleType"], "FORWARD");
      assert.equal(
        resourcesOfType(run, "aws:ram/resourceAssociation:ResourceAssociation").length,
        2,
      );
      const principal = resourceNamed(
        run,
        "aws:ram/principalAssociation:PrincipalAssociation",
        "shared-dns-rules-300000000003",
      );
      assert.equal(principal.inputs["principal"], "300000000003");
    });

    it("logs Resolver queries of the shared-services and tooling VPCs to an encrypted log group", () => {
      const group = resourceNamed(
        run,
        "aws:cloudwatch/logGroup:LogGroup",
        "shared-dns-query-logs-logs",
      );
      assert.equal(group.inputs["name"], "/platform/network/route53-resolver/query-logs");
      assert.equal(group.inputs["retentionInDays"], 365);
      assert.equal(group.protect, true);
      const key = resourceNamed(run, "aws:kms/key:Key", "shared-dns-query-logs-key");
      assert.ok(group.propertyDependencies["kmsKeyId"]?.includes(key.urn));
      const config = resourceNamed(
        run,
        "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig",
        "shared-dns-query-logs",
      );
      assert.ok(config.propertyDependencies["destinationArn"]?.includes(group.urn));
      const policy = resourceNamed(
        run,
        "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
        "shared-dns-query-logs",
      );
      assert.ok(config.dependencies.includes(policy.urn));
      const document = JSON.parse(policy.inputs["policyDocument"] as string);
      assert.deepEqual(document.Statement[0].Principal, { Service: "delivery.logs.amazonaws.com" });
      assert.equal(
        document.Statement[0].Resource,
        "arn:aws:logs:eu-west-1:200000000002:log-group:/platform/network/route53-resolver/query-logs:log-stream:*",
      );
      const associations = resourcesOfType(
        run,
        "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation",
      );
      assert.deepEqual(associations.map((a) => a.inputs["resourceId"]).sort(), [
        "vpc-0700100000000001",
        "vpc-0shared0000000001",
      ]);
      assert.ok(
        associations.every((a) =>
          a.propertyDependencies["resolverQueryLogConfigId"]?.includes(config.urn),
        ),
      );
      assert.ok(associations.every((a) => a.provider === provider("network")));
    });

    it("associates the prod zone with the shared-services VPC: authorised in prod, associated by the network account", () => {
      const zone = resourceNamed(run, "aws:route53/zone:Zone", "prod-internal-zone");
      assert.equal(zone.inputs["name"], "prod.aws.example.internal");
      assert.deepEqual(zone.inputs["vpcs"], [{ vpcId: "vpc-0prod000000000001" }]);
      assert.equal(zone.protect, true);
      const auth = resourceNamed(
        run,
        "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
        "prod-internal-hub",
      );
      assert.equal(auth.provider, provider("prod"));
      const association = resourceNamed(
        run,
        "aws:route53/zoneAssociation:ZoneAssociation",
        "prod-internal-hub",
      );
      assert.equal(association.provider, provider("network"));
      assert.equal(association.inputs["vpcId"], "vpc-0shared0000000001");
      const rules = resourcesOfType(
        run,
        "aws:route53/resolverRuleAssociation:ResolverRuleAssociation",
      ).filter((r) => r.name.startsWith("prod-internal-"));
      assert.deepEqual(
        rules.map((r) => r.inputs["vpcId"]),
        ["vpc-0prod000000000001", "vpc-0prod000000000001"],
      );
      assert.ok(rules.every((r) => r.provider === provider("prod")));
    });

    it("signs the public zone with an ECC_NIST_P256 SIGN_VERIFY key in us-east-1 that Route 53 DNSSEC may use", () => {
      const key = resourceNamed(run, "aws:kms/key:Key", "prod-public-ksk-key");
      assert.equal(key.provider, provider("prod-us-east-1"));
      assert.deepEqual(
        [key.inputs["customerMasterKeySpec"], key.inputs["keyUsage"], key.protect],
        ["ECC_NIST_P256", "SIGN_VERIFY", true],
      );
      const policy = JSON.parse(String(key.inputs["policy"])) as {
        Statement: Array<{ Principal: unknown; Action: unknown }>;
      };
      assert.deepEqual(
        policy.Statement.filter((s) => JSON.stringify(s.Principal).includes("dnssec-route53")).map(
          (s) => s.Action,
        ),
        [["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"], "kms:CreateGrant"],
      );
      const ksk = resourceNamed(run, "aws:route53/keySigningKey:KeySigningKey", "prod-public-ksk");
      assert.deepEqual(ksk.propertyDependencies["keyManagementServiceArn"], [key.urn]);
      assert.equal(
        resourceNamed(run, "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec", "prod-public-dnssec")
          .inputs["signingStatus"],
        "SIGNING",
      );
    });

    it("publishes the failover primary as an alias without a TTL", () => {
      const primary = resourceNamed(run, RECORD, "prod-public-www.example.com-a-eu");
      assert.equal(primary.inputs["ttl"], undefined);
      assert.deepEqual(primary.inputs["aliases"], [
        {
          name: "prod-nlb-0123456789.elb.eu-west-1.amazonaws.com",
          zoneId: "Z2IFOLAFXWLO4F",
          evaluateTargetHealth: true,
        },
      ]);
    });
  });

  describe("nlb: prod services behind an internal and an internet-facing NLB", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(nlb);
    });
    const LB = "aws:lb/loadBalancer:LoadBalancer";

    it("attaches the security group at creation, keeps deletion protection on and cross-zone off", () => {
      const lb = resourceNamed(run, LB, "ingest-nlb");
      const sg = resourceNamed(run, "aws:ec2/securityGroup:SecurityGroup", "ingest-nlb");
      assert.deepEqual(lb.propertyDependencies["securityGroups"], [sg.urn]);
      // The tag the Firewall Manager content audit selects.
      assert.equal((sg.inputs["tags"] as Record<string, string>)["platform:edge"], "nlb-service");
      assert.deepEqual(
        [
          lb.inputs["loadBalancerType"],
          lb.inputs["internal"],
          lb.inputs["enableDeletionProtection"],
          lb.inputs["enableCrossZoneLoadBalancing"],
        ],
        ["network", true, true, false],
      );
    });

    it("admits only the configured sources, on the listener ports and protocols", () => {
      const ingress = resourcesOfType(
        run,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      ).filter((r) => r.name.startsWith("ingest-"));
      assert.deepEqual(
        ingress
          .map(
            (r) =>
              `${r.inputs["ipProtocol"]} ${r.inputs["fromPort"]} ${r.inputs["cidrIpv4"] ?? r.inputs["prefixListId"]}`,
          )
          .sort(),
        [
          "tcp 443 172.16.0.0/16",
          "tcp 443 192.168.0.0/20",
          "tcp 443 pl-0a1b2c3d4e5f60718",
          "udp 514 172.16.0.0/16",
          "udp 514 192.168.0.0/20",
          "udp 514 pl-0a1b2c3d4e5f60718",
        ],
      );
    });

    it("terminates TLS with the certificate and the recommended policy, passes UDP through", () => {
      const tls = resourceNamed(run, "aws:lb/listener:Listener", "ingest-443").inputs;
      assert.deepEqual(
        [tls["protocol"], tls["sslPolicy"]],
        ["TLS", "ELBSecurityPolicy-TLS13-1-2-2021-06"],
      );
      assert.match(String(tls["certificateArn"]), /^arn:aws:acm:/);
      const udp = resourceNamed(run, "aws:lb/listener:Listener", "ingest-514").inputs;
      assert.deepEqual(
        [udp["protocol"], udp["certificateArn"], udp["sslPolicy"]],
        ["UDP", undefined, undefined],
      );
      const group = resourceNamed(run, "aws:lb/targetGroup:TargetGroup", "ingest-443").inputs;
      assert.deepEqual(
        [group["protocol"], group["port"], group["targetType"]],
        ["TCP", 8443, "ip"],
      );
      assert.deepEqual(
        resourceNamed(run, "aws:lb/targetGroup:TargetGroup", "ingest-514").inputs["healthCheck"],
        {
          enabled: true,
          protocol: "TCP",
          port: "601",
          interval: 10,
          healthyThreshold: 3,
          unhealthyThreshold: 3,
        },
      );
    });

    it("lets the NLB reach only the targets, on their ports and health-check ports (health checks obey egress rules)", () => {
      const egress = resourcesOfType(
        run,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      ).filter((r) => r.name.startsWith("ingest-"));
      assert.deepEqual(
        egress
          .map((r) => `${r.inputs["ipProtocol"]} ${r.inputs["fromPort"]} ${r.inputs["cidrIpv4"]}`)
          .sort(),
        ["tcp 601 10.16.0.0/16", "tcp 8443 10.16.0.0/16", "udp 514 10.16.0.0/16"],
      );
      const sg = resourceNamed(run, "aws:ec2/securityGroup:SecurityGroup", "ingest-nlb").urn;
      assert.ok(egress.every((r) => r.propertyDependencies["securityGroupId"]?.includes(sg)));
    });

    it("gives the internal NLB no Shield Advanced: it has no Elastic IP to protect", () => {
      const lb = resourceNamed(run, LB, "ingest-nlb");
      assert.equal((lb.inputs["subnets"] as unknown[]).length, 3);
      assert.equal(lb.inputs["subnetMappings"], undefined);
      assert.ok(
        resourcesOfType(run, "aws:shield/protection:Protection").every(
          (p) => !p.name.startsWith("ingest-"),
        ),
      );
    });

    it("protects the internet-facing NLB's Elastic IPs, one per subnet, with health-based detection", () => {
      const lb = resourceNamed(run, LB, "partner-nlb");
      assert.equal(lb.inputs["internal"], false);
      assert.equal(lb.inputs["subnets"], undefined);
      const eips = [0, 1].map((i) => resourceNamed(run, "aws:ec2/eip:Eip", `partner-eip-${i}`));
      assert.ok(eips.every((e) => e.inputs["domain"] === "vpc" && e.protect === true));
      assert.deepEqual(
        (lb.inputs["subnetMappings"] as Array<{ subnetId: string }>).map((m) => m.subnetId),
        ["subnet-0prodpub00000000a", "subnet-0prodpub00000000b"],
      );
      assert.deepEqual(
        [...(lb.propertyDependencies["subnetMappings"] ?? [])].sort(),
        eips.map((e) => e.urn).sort(),
      );
      eips.forEach((eip, i) => {
        const protection = resourceNamed(
          run,
          "aws:shield/protection:Protection",
          `partner-shield-${i}`,
        );
        assert.deepEqual(protection.propertyDependencies["resourceArn"], [eip.urn]);
        assert.match(
          String(protection.inputs["resourceArn"]),
          /^arn:aws:ec2:eu-west-1:400000000004:eip-allocation\//,
        );
        const health = resourceNamed(
          run,
          "aws:shield/protectionHealthCheckAssociation:ProtectionHealthCheckAssociation",
          `partner-shield-health-${i}`,
        );
        assert.match(String(health.inputs["healthCheckArn"]), /^arn:aws:route53:::healthcheck\//);
      });
    });

    it("logs to its own bucket, whose policy lets log delivery write for this account only", () => {
      const lb = resourceNamed(run, LB, "ingest-nlb");
      assert.deepEqual(lb.inputs["accessLogs"], {
        bucket: "prod-ingest-400000000004-nlb-logs",
        prefix: "nlb/prod-ingest",
        enabled: true,
      });
      assert.ok(
        lb.dependencies.includes(
          resourceNamed(run, "aws:s3/bucketPolicy:BucketPolicy", "ingest-logs-policy").urn,
        ),
      );
      assert.equal(resourceNamed(run, "aws:s3/bucket:Bucket", "ingest-logs").protect, true);
      const policy = JSON.parse(
        String(
          resourceNamed(run, "aws:s3/bucketPolicy:BucketPolicy", "ingest-logs-policy").inputs[
            "policy"
          ],
        ),
      ) as {
        Statement: Array<{ Sid: string; Resource: unknown; Condition: unknown }>;
      };
      const write = policy.Statement.find((s) => s.Sid === "AWSLogDeliveryWrite")!;
      assert.equal(
        write.Resource,
        "arn:aws:s3:::prod-ingest-400000000004-nlb-logs/nlb/prod-ingest/AWSLogs/400000000004/*",
      );
      assert.deepEqual(write.Condition, {
        StringEquals: {
          "aws:SourceAccount": "400000000004",
          "s3:x-amz-acl": "bucket-owner-full-control",
        },
        ArnLike: { "aws:SourceArn": "arn:aws:logs:eu-west-1:400000000004:*" },
      });
    });
  });

  describe("firewall-manager: the content audit of NLB security groups from the FMS administrator", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(firewallManager);
    });
    const POLICY = "aws:fms/policy:Policy";

    it("puts one SECURITY_GROUPS_CONTENT_AUDIT policy of security groups tagged by NlbService, audit only", () => {
      const component = resourceNamed(run, "platform:dns:SecurityGroupAudit", "nlb-audit");
      const policy = resourceNamed(run, POLICY, "nlb-audit-policy");
      assert.equal(policy.parent, component.urn);
      assert.equal(policy.provider, resourceNamed(run, "pulumi:providers:aws", "security").urn);
      assert.deepEqual(
        [
          policy.inputs["name"],
          policy.inputs["resourceType"],
          policy.inputs["remediationEnabled"],
          policy.inputs["excludeResourceTags"],
        ],
        ["org-nlb-sg-content-audit", "AWS::EC2::SecurityGroup", false, false],
      );
      assert.deepEqual(policy.inputs["resourceTags"], { "platform:edge": "nlb-service" });
      assert.deepEqual(policy.inputs["excludeMap"], { accounts: ["600000000006"], orgunits: [] });
      assert.equal(policy.inputs["includeMap"], undefined);
      assert.match(String(policy.inputs["description"]), /^[a-zA-Z0-9_.:/=+\-@\s]*$/);
    });

    it("compares with the reference group built in the administrator's VPC, in the shape the FMS API documents", () => {
      const group = resourceNamed(
        run,
        "aws:ec2/securityGroup:SecurityGroup",
        "nlb-audit-reference",
      );
      assert.equal(group.inputs["vpcId"], "vpc-0security00000001");
      const policy = resourceNamed(run, POLICY, "nlb-audit-policy");
      assert.ok(policy.dependencies.includes(group.urn));
      const data = policy.inputs["securityServicePolicyData"] as {
        type: string;
        managedServiceData: string;
      };
      assert.equal(data.type, "SECURITY_GROUPS_CONTENT_AUDIT");
      const managed = JSON.parse(data.managedServiceData) as {
        type: string;
        securityGroups: Array<{ id: string }>;
        securityGroupAction: { type: string };
      };
      assert.deepEqual(
        [managed.type, managed.securityGroups.length, managed.securityGroupAction],
        ["SECURITY_GROUPS_CONTENT_AUDIT", 1, { type: "ALLOW" }],
      );
      assert.equal(managed.securityGroups[0]!.id, run.outputs["reference"]);
    });

    it("holds exactly the configured rules: in from on premises and the prefix list, out to the targets", () => {
      const rule = (r: { inputs: Record<string, unknown> }) =>
        `${r.inputs["ipProtocol"]} ${r.inputs["fromPort"]}-${r.inputs["toPort"]} ${r.inputs["cidrIpv4"] ?? r.inputs["prefixListId"]}`;
      assert.deepEqual(
        resourcesOfType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
          .map(rule)
          .sort(),
        [
          "tcp 443-443 172.16.0.0/16",
          "tcp 443-443 192.168.0.0/20",
          "tcp 443-443 pl-0a1b2c3d4e5f60718",
          "udp 514-514 172.16.0.0/16",
          "udp 514-514 192.168.0.0/20",
        ],
      );
      assert.deepEqual(
        resourcesOfType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
          .map(rule)
          .sort(),
        ["tcp 601-601 10.0.0.0/8", "tcp 8443-8443 10.0.0.0/8"],
      );
    });
  });
});
