import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { cidrsOverlap, findOverlaps, parseCidr } from "@platform/core";
import { byType, ofTypes, referrers } from "./lib";

export function vpcFlowLogs(): StackValidationPolicy {
  return {
    name: "vpc-flow-logs",
    description: "Every VPC has a flow log.",
    severity: "medium",
    remediationSteps:
      "Create an aws.ec2.FlowLog with vpcId set to the VPC (the platform Vpc component does this).",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const logged = referrers(ofTypes(index, "aws:ec2/flowLog:FlowLog"), "vpcId");
      for (const vpc of ofTypes(index, "aws:ec2/vpc:Vpc")) {
        if (!logged.has(vpc.urn))
          report(`VPC ${vpc.name} has no flow log; add an aws.ec2.FlowLog for it`, vpc.urn);
      }
    },
  };
}

export function vpcDefaultSgClosed(): ResourceValidationPolicy {
  return {
    name: "vpc-default-sg-closed",
    description: "The default security group is managed and has no rules.",
    severity: "medium",
    remediationSteps:
      "Manage the VPC's default security group with aws.ec2.DefaultSecurityGroup and empty ingress and egress.",
    validateResource: validateResourceOfType(aws.ec2.DefaultSecurityGroup, (sg, _args, report) => {
      const rules = (sg.ingress?.length ?? 0) + (sg.egress?.length ?? 0);
      if (rules > 0) report(`default security group has ${rules} rule(s); it must have none`);
    }),
  };
}

interface AdminPortsConfig {
  ports: number[];
}

const OPEN = ["0.0.0.0/0", "::/0"];

export function sgNoOpenAdminPorts(): ResourceValidationPolicy {
  /** The configured ports a rule opens to the internet (0.0.0.0/0 or ::/0). */
  const check = (
    rule: {
      fromPort?: number;
      toPort?: number;
      protocol?: string;
      cidrBlocks?: readonly string[];
      ipv6CidrBlocks?: readonly string[];
    },
    ports: number[],
  ) => {
    const cidrs = [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])];
    if (!cidrs.some((c) => OPEN.includes(c))) return [];
    const all = rule.protocol === "-1" || rule.protocol === "all";
    return ports.filter((p) => all || ((rule.fromPort ?? 0) <= p && p <= (rule.toPort ?? 65535)));
  };
  return {
    name: "sg-no-open-admin-ports",
    description:
      "No security group rule opens administrative ports (22, 3389 and configured ones) to the internet.",
    severity: "high",
    remediationSteps:
      "Restrict the rule's source to known CIDRs or use SSM Session Manager instead of SSH/RDP.",
    configSchema: {
      properties: { ports: { type: "array", items: { type: "number" }, default: [22, 3389] } },
    },
    validateResource: [
      validateResourceOfType(aws.ec2.SecurityGroup, (sg, args, report) => {
        const { ports } = args.getConfig<AdminPortsConfig>();
        for (const rule of sg.ingress ?? []) {
          const open = check(rule, ports);
          if (open.length) report(`ingress opens port(s) ${open.join(", ")} to the internet`);
        }
      }),
      validateResourceOfType(aws.ec2.SecurityGroupRule, (rule, args, report) => {
        if (rule.type !== "ingress") return;
        const { ports } = args.getConfig<AdminPortsConfig>();
        const open = check(rule, ports);
        if (open.length) report(`ingress rule opens port(s) ${open.join(", ")} to the internet`);
      }),
      validateResourceOfType(aws.vpc.SecurityGroupIngressRule, (rule, args, report) => {
        const { ports } = args.getConfig<AdminPortsConfig>();
        const open = check(
          {
            fromPort: rule.fromPort,
            toPort: rule.toPort,
            protocol: rule.ipProtocol,
            cidrBlocks: rule.cidrIpv4 ? [rule.cidrIpv4] : [],
            ipv6CidrBlocks: rule.cidrIpv6 ? [rule.cidrIpv6] : [],
          },
          ports,
        );
        if (open.length) report(`ingress rule opens port(s) ${open.join(", ")} to the internet`);
      }),
    ],
  };
}

export function sgRuleManagementConflicts(): StackValidationPolicy {
  return {
    name: "sg-rule-management-conflicts",
    description:
      "A security group's rules are either inline or separate rule resources, never both.",
    severity: "medium",
    remediationSteps:
      "Move the inline ingress/egress into separate rule resources (or the reverse); mixing them makes each overwrite the other.",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const rules = ofTypes(
        index,
        "aws:ec2/securityGroupRule:SecurityGroupRule",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      );
      const separate = referrers(rules, "securityGroupId");
      for (const sg of ofTypes(index, "aws:ec2/securityGroup:SecurityGroup")) {
        const inline =
          ((sg.props["ingress"] as unknown[] | undefined)?.length ?? 0) +
          ((sg.props["egress"] as unknown[] | undefined)?.length ?? 0);
        if (inline > 0 && separate.has(sg.urn)) {
          report(
            `security group ${sg.name} has inline rules and ${separate.get(sg.urn)!.length} separate rule resource(s); use one or the other`,
            sg.urn,
          );
        }
      }
    },
  };
}

export function subnetNoAutoPublicIp(): ResourceValidationPolicy {
  return {
    name: "subnet-no-auto-public-ip",
    description: "Subnets do not assign public IPs on launch, except those tagged Tier=public.",
    severity: "medium",
    remediationSteps:
      "Set mapPublicIpOnLaunch: false, or tag the subnet Tier=public if it is a public tier.",
    validateResource: validateResourceOfType(aws.ec2.Subnet, (subnet, _args, report) => {
      if (subnet.mapPublicIpOnLaunch && subnet.tags?.["Tier"] !== "public") {
        report(`subnet assigns public IPs on launch but is not tagged Tier=public`);
      }
    }),
  };
}

interface CidrRegistryConfig {
  registry: Array<{ name: string; cidr: string }>;
  ownAllocations: string[];
}

export function vpcCidrNoOverlap(): StackValidationPolicy {
  return {
    name: "vpc-cidr-no-overlap",
    description:
      "VPC CIDRs do not overlap each other or any range of the organisation's IP registry outside this environment's own allocations.",
    severity: "high",
    remediationSteps:
      "Pick a VPC CIDR inside this environment's allocation in the IP registry (the network stack's addressPlan).",
    configSchema: {
      properties: {
        registry: { type: "array", default: [], items: { type: "object" } },
        ownAllocations: { type: "array", default: [], items: { type: "string" } },
      },
    },
    validateStack: (args, report) => {
      const { registry, ownAllocations } = args.getConfig<CidrRegistryConfig>();
      const index = byType(args.resources);
      const vpcs = [
        ...ofTypes(index, "aws:ec2/vpc:Vpc").map((v) => ({
          label: `VPC ${v.name}`,
          cidr: String(v.props["cidrBlock"] ?? ""),
          urn: v.urn,
        })),
        ...ofTypes(index, "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation").map(
          (v) => ({
            label: `secondary CIDR ${v.name}`,
            cidr: String(v.props["cidrBlock"] ?? ""),
            urn: v.urn,
          }),
        ),
      ].filter((v) => v.cidr.includes("/"));
      for (const [a, b] of findOverlaps(vpcs))
        report(
          `${b.label} (${b.cidr}) overlaps ${a.label} (${a.cidr})`,
          (b as { urn?: string }).urn,
        );
      const foreign = registry.filter((e) => !ownAllocations.includes(e.name));
      for (const vpc of vpcs) {
        for (const entry of foreign) {
          if (cidrsOverlap(parseCidr(vpc.cidr), parseCidr(entry.cidr))) {
            report(
              `${vpc.label} (${vpc.cidr}) overlaps registry range ${entry.name} (${entry.cidr}), which is not this environment's`,
              vpc.urn,
            );
          }
        }
      }
    },
  };
}
