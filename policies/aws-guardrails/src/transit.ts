/**
 * Transit Gateway guardrails: no auto-accepted attachments, no default route tables, and the
 * prod/nonprod isolation rule (declared once in the hub contract) on every association,
 * propagation and static route.
 */
import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { crossesProdBoundary, segmentOfRouteName } from "@platform/contracts";
import { byType, ofTypes } from "./lib";

export function tgwNoAutoAccept(): ResourceValidationPolicy {
  return {
    name: "tgw-no-auto-accept",
    description: "Transit Gateways do not auto-accept shared attachments.",
    severity: "high",
    remediationSteps:
      'Set autoAcceptSharedAttachments: "disable" and accept attachments explicitly.',
    validateResource: validateResourceOfType(
      aws.ec2transitgateway.TransitGateway,
      (tgw, _args, report) => {
        if (tgw.autoAcceptSharedAttachments === "enable")
          report(
            "autoAcceptSharedAttachments is enable; any account the gateway is shared with could attach",
          );
      },
    ),
  };
}

export function tgwExplicitRouteTables(): ResourceValidationPolicy {
  return {
    name: "tgw-explicit-route-tables",
    description: "Transit Gateways have default route table association and propagation disabled.",
    severity: "high",
    remediationSteps:
      'Set defaultRouteTableAssociation and defaultRouteTablePropagation to "disable"; route through per-segment tables.',
    validateResource: validateResourceOfType(
      aws.ec2transitgateway.TransitGateway,
      (tgw, _args, report) => {
        // The API's default for both is enable: an unset value is as bad as "enable".
        if (tgw.defaultRouteTableAssociation !== "disable")
          report(
            "defaultRouteTableAssociation is not disable; new attachments would join the default table",
          );
        if (tgw.defaultRouteTablePropagation !== "disable")
          report(
            "defaultRouteTablePropagation is not disable; every attachment would reach every other",
          );
      },
    ),
  };
}

interface SegmentIsolationConfig {
  segmentTiers: Record<string, string>;
  routeTableSegments: Record<string, string>;
}

/** Segment of an attachment: the Segment tag on the attachment or its accepter. */
function attachmentSegment(r: PolicyResource): string | undefined {
  const sources = r.propertyDependencies["transitGatewayAttachmentId"] ?? [];
  for (const s of sources) {
    const tag = (s.props["tags"] as Record<string, string> | undefined)?.["Segment"];
    if (tag) return tag;
    const upstream = attachmentSegment(s);
    if (upstream) return upstream;
  }
  return undefined;
}

export function tgwSegmentIsolation(): StackValidationPolicy {
  return {
    name: "tgw-segment-isolation",
    description:
      "No prod attachment is associated with or propagated into a nonprod route table, nor the reverse.",
    severity: "critical",
    remediationSteps:
      "Propagate an attachment only into the route tables of segments allowed to reach it (see @platform/transit-gateway routingFor).",
    configSchema: {
      properties: {
        segmentTiers: {
          type: "object",
          default: { prod: "prod", nonprod: "nonprod", shared: "shared", hybrid: "shared" },
        },
        routeTableSegments: { type: "object", default: {} },
      },
    },
    validateStack: (args, report) => {
      const { segmentTiers, routeTableSegments } = args.getConfig<SegmentIsolationConfig>();
      const index = byType(args.resources);
      const tableSegment = (r: PolicyResource): string | undefined => {
        const local = (r.propertyDependencies["transitGatewayRouteTableId"] ?? [])
          .map((t) => (t.props["tags"] as Record<string, string> | undefined)?.["Segment"])
          .find(Boolean);
        if (local) return local;
        const id = r.props["transitGatewayRouteTableId"];
        if (typeof id === "string" && routeTableSegments[id]) return routeTableSegments[id];
        // A spoke's table ids come from the hub's outputs: its route resources are named by the
        // hub contract's segmentRouteName.
        return segmentOfRouteName(r.name);
      };
      for (const r of ofTypes(
        index,
        "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
        "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
        "aws:ec2transitgateway/route:Route",
      )) {
        const from = attachmentSegment(r);
        const to = tableSegment(r);
        if (!from || !to) continue;
        const a = segmentTiers[from] ?? from;
        const b = segmentTiers[to] ?? to;
        if (crossesProdBoundary(a, b)) {
          const verb = r.type.endsWith("RouteTablePropagation")
            ? "propagated into"
            : r.type.endsWith("Route")
              ? "routed from"
              : "associated with";
          report(
            `${from} (${a}) attachment is ${verb} the ${to} (${b}) route table: prod and nonprod must stay isolated`,
            r.urn,
          );
        }
      }
    },
  };
}
