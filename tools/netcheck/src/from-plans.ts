/**
 * Builds the NetworkModel from the offline plans of all stacks (the `.plan/*.json` contract):
 * the network stack's route tables, DX association, VPNs and shared-services VPC, and each
 * environment stack's VPC, attachment, association, propagations, summary routes, VPC routes to
 * the Transit Gateway and EKS endpoint access. Cross-stack references are resolved through the
 * hub's outputs (route table ids by segment, the deploy runner).
 */
import type { Attachment, NetworkModel, Propagation, TgwRoute, VpcRoute } from "./model";
import { DX_ALLOWED_PREFIX_QUOTA } from "./model";

/** The plan contract's reader view (@platform/contracts). */
import { parseHubOutputs } from "@platform/contracts";
export type { PlanView as PlanLike } from "@platform/contracts";
import type { PlanView as PlanLike } from "@platform/contracts";

type Resource = PlanLike["resources"][number];

const T = {
  tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
  table: "aws:ec2transitgateway/routeTable:RouteTable",
  vpcAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
  accepter: "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
  association: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
  propagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
  tgwRoute: "aws:ec2transitgateway/route:Route",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  eks: "aws:eks/cluster:Cluster",
  vpcRouteTable: "aws:ec2/routeTable:RouteTable",
  vpcRoute: "aws:ec2/route:Route",
  vpn: "aws:ec2/vpnConnection:VpnConnection",
  cgw: "aws:ec2/customerGateway:CustomerGateway",
  dxGateway: "aws:directconnect/gateway:Gateway",
  dxAssociation: "aws:directconnect/gatewayAssociation:GatewayAssociation",
  resolverEndpoint: "aws:route53/resolverEndpoint:ResolverEndpoint",
  resolverRule: "aws:route53/resolverRule:ResolverRule",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
};

/**
 * The network model of the plans. The DX allowed-prefix quota is the hub's (its outputs'
 * `directConnect.allowedPrefixQuota`, from its config), else AWS's default; a caller may pass one.
 */
export function modelFromPlans(plans: readonly PlanLike[], quota?: number): NetworkModel {
  const hubPlan = plans.find((p) => p.resources.some((r) => r.type === T.tgw));
  if (!hubPlan) throw new Error("no plan contains a Transit Gateway: plan the network stack first");
  // The hub contract, checked (not cast): a plan of another shape fails naming the key.
  const hub = parseHubOutputs(
    hubPlan.outputs ?? {},
    `the hub's plan ${hubPlan.project}/${hubPlan.stack}`,
  );
  const allowedPrefixQuota =
    quota ?? hub.directConnect?.allowedPrefixQuota ?? DX_ALLOWED_PREFIX_QUOTA;
  const segmentOfTableId = new Map(
    Object.entries(hub.segments).map(([s, v]) => [v.routeTableId, s]),
  );

  const attachments: Attachment[] = [];
  const staticRoutes: TgwRoute[] = [];
  const propagations: Propagation[] = [];
  const vpcRoutes: VpcRoute[] = [];
  const associations: Array<{ attachment: string; table: string }> = [];
  let dxAllowedPrefixes: string[] = [];
  let dnsAttachment: string | undefined;
  const forwardTargets: string[] = [];

  for (const plan of plans) {
    const stack = `${plan.project}/${plan.stack}`;
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const dep = (r: Resource, prop: string) =>
      (r.propertyDependencies?.[prop] ?? [])
        .map((u) => byUrn.get(u))
        .filter((x): x is Resource => !!x);
    const id = (r: Resource) => `${stack}:${r.urn}`;

    /** The attachment a TGW resource refers to, following accepters to their attachment. */
    const attachmentOf = (r: Resource): string | undefined => {
      for (const d of dep(r, "transitGatewayAttachmentId")) {
        if (d.type === T.vpcAttachment || d.type === T.vpn) return id(d);
        if (d.type === T.accepter) return attachmentOf(d);
        if (d.type === T.dxAssociation || d.type === T.dxGateway) return `${stack}:dx`;
      }
      return undefined;
    };
    /** The segment of the table a TGW resource refers to: a local table's tag, or the hub's id. */
    const tableOf = (r: Resource): string | undefined => {
      const local = dep(r, "transitGatewayRouteTableId").find((d) => d.type === T.table);
      if (local) return (local.inputs["tags"] as Record<string, string> | undefined)?.["Segment"];
      return segmentOfTableId.get(String(r.inputs["transitGatewayRouteTableId"]));
    };

    /** The endpoint access of an EKS cluster whose subnets are in the VPC, if there is one. */
    const kubernetesApiIn = (vpcUrn: string): "private" | "public" | undefined => {
      const cluster = plan.resources.find(
        (c) =>
          c.type === T.eks &&
          dep(c, "vpcConfig").some(
            (s) => s.type === T.subnet && s.propertyDependencies?.["vpcId"]?.includes(vpcUrn),
          ),
      );
      if (!cluster) return undefined;
      const access = cluster.inputs["vpcConfig"] as { endpointPublicAccess?: boolean } | undefined;
      return access?.endpointPublicAccess === true ? "public" : "private";
    };

    for (const r of plan.resources) {
      switch (r.type) {
        case T.vpcAttachment: {
          const vpc = dep(r, "vpcId").find((d) => d.type === T.vpc);
          const name = (vpc?.inputs["tags"] as Record<string, string> | undefined)?.["Name"];
          attachments.push({
            id: id(r),
            kind: "vpc",
            stack,
            environment: name ?? plan.stack,
            cidr: vpc ? String(vpc.inputs["cidrBlock"]) : undefined,
            kubernetesApi: vpc ? kubernetesApiIn(vpc.urn) : undefined,
          });
          break;
        }
        case T.vpn: {
          const cgw = dep(r, "customerGatewayId").find((d) => d.type === T.cgw);
          const tunnels =
            [r.inputs["tunnel1InsideCidr"], r.inputs["tunnel2InsideCidr"]].filter(Boolean).length ||
            2;
          attachments.push({
            id: id(r),
            kind: "vpn",
            stack,
            device: String(cgw?.inputs["deviceName"] ?? r.name),
            tunnels,
          });
          break;
        }
        case T.resolverEndpoint: {
          // The endpoint's VPC, through its security group: the attachment of that VPC.
          const vpc = dep(r, "securityGroupIds")
            .filter((d) => d.type === T.securityGroup)
            .flatMap((sg) => sg.propertyDependencies?.["vpcId"] ?? [])[0];
          const attachment = plan.resources.find(
            (x) =>
              x.type === T.vpcAttachment && x.propertyDependencies?.["vpcId"]?.includes(vpc ?? ""),
          );
          if (attachment) dnsAttachment = id(attachment);
          break;
        }
        case T.resolverRule:
          for (const t of (r.inputs["targetIps"] as Array<{ ip?: string }> | undefined) ?? [])
            if (t.ip && !forwardTargets.includes(t.ip)) forwardTargets.push(t.ip);
          break;
        case T.dxAssociation:
          dxAllowedPrefixes = [...((r.inputs["allowedPrefixes"] as string[] | undefined) ?? [])];
          attachments.push({ id: `${stack}:dx`, kind: "dx", stack });
          break;
        case T.association: {
          const a = attachmentOf(r);
          const table = tableOf(r);
          if (a && table) associations.push({ attachment: a, table });
          break;
        }
        case T.propagation: {
          const a = attachmentOf(r);
          const table = tableOf(r);
          if (a && table) propagations.push({ attachment: a, table });
          break;
        }
        case T.tgwRoute: {
          const table = tableOf(r);
          if (table) {
            staticRoutes.push({
              table,
              prefix: String(r.inputs["destinationCidrBlock"]),
              attachment: attachmentOf(r),
              origin: "static",
              blackhole: r.inputs["blackhole"] === true,
            });
          }
          break;
        }
        case T.vpcRoute: {
          if (!r.inputs["transitGatewayId"]) break;
          const table = dep(r, "routeTableId").find((d) => d.type === T.vpcRouteTable);
          const vpcUrn = table?.propertyDependencies?.["vpcId"]?.[0];
          const attachment = plan.resources.find(
            (x) =>
              x.type === T.vpcAttachment &&
              x.propertyDependencies?.["vpcId"]?.includes(vpcUrn ?? ""),
          );
          if (table && attachment)
            vpcRoutes.push({
              attachment: id(attachment),
              routeTable: table.name,
              prefix: String(r.inputs["destinationCidrBlock"]),
            });
          break;
        }
        default:
          break;
      }
    }
  }
  const associated = new Map(associations.map((a) => [a.attachment, a.table]));
  return {
    segments: Object.fromEntries(
      Object.entries(hub.segments).map(([s, v]) => [s, { tier: v.tier }]),
    ),
    attachments: attachments.map((a) => ({ ...a, associatedWith: associated.get(a.id) })),
    staticRoutes,
    propagations,
    vpcRoutes,
    dxAllowedPrefixes,
    onPremises: hub.addressPlan.onPremises,
    sharedServices: hub.addressPlan.sharedServices,
    allowedPrefixQuota,
    deployRunner: hub.deployRunner
      ? { projectName: hub.deployRunner.projectName, cidrs: hub.deployRunner.cidrs }
      : undefined,
    dns: hub.dns
      ? {
          attachment: dnsAttachment,
          inboundAddresses: hub.dns.inboundAddresses.filter((a) => typeof a === "string"),
          forwardTargets,
        }
      : undefined,
  };
}
