import * as aws from "@pulumi/aws";
import { CEILING_POLICIES, WORKLOAD_BOUNDARY_NAME, WORKLOAD_NAME_PREFIX } from "@platform/core";
import { validateResourceOfType } from "@pulumi/policy";
import type { ResourceValidationPolicy } from "@pulumi/policy";

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
}

const list = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Allow statements of a policy document given as JSON text or an object. */
export function allowStatements(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  const raw = (doc as { Statement?: Statement | Statement[] } | undefined)?.Statement;
  const statements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return statements.filter((s) => (s.Effect ?? "Allow") === "Allow");
}

/** Project of the stacks that create the platform's own roles (applied by an administrator). */
const BOOTSTRAP_PROJECTS = ["platform-bootstrap"];

/** The Pulumi project in a URN (`urn:pulumi:<stack>::<project>::...`). */
const projectOf = (urn: string) => urn.split("::")[1] ?? "";

/** Policy documents of the IAM resource types that carry them. */
const DOCUMENT_FIELDS: Array<[{ __pulumiType: string }, string]> = [
  [aws.iam.Policy as never, "policy"],
  [aws.iam.RolePolicy as never, "policy"],
  [aws.iam.UserPolicy as never, "policy"],
  [aws.iam.GroupPolicy as never, "policy"],
];

/** Where a document comes from: the policy's config, the resource's `name` input and URN. */
interface DocumentSource {
  readonly config: Record<string, unknown>;
  readonly name?: string;
  readonly urn: string;
}

function forEachDocument(
  check: (statements: Statement[], source: DocumentSource, report: (m: string) => void) => void,
) {
  return DOCUMENT_FIELDS.map(([cls, field]) =>
    validateResourceOfType(cls as never, (props: Record<string, unknown>, args, report) =>
      check(
        allowStatements(props[field]),
        {
          config: args.getConfig(),
          name: typeof props["name"] === "string" ? props["name"] : undefined,
          urn: args.urn,
        },
        report,
      ),
    ),
  ).concat([
    validateResourceOfType(aws.iam.Role, (role, args, report) => {
      for (const inline of role.inlinePolicies ?? [])
        check(allowStatements(inline.policy), { config: args.getConfig(), urn: args.urn }, report);
    }),
  ]);
}

export function iamNoAdmin(): ResourceValidationPolicy {
  return {
    name: "iam-no-admin",
    description: 'No IAM policy allows "*" actions (administrator access).',
    severity: "critical",
    remediationSteps: 'List the actions the principal needs instead of "*" or "*:*".',
    validateResource: forEachDocument((statements, _source, report) => {
      for (const s of statements) {
        if (list(s.Action).some((a) => a === "*" || a === "*:*") || s.NotAction !== undefined)
          report('a statement allows all actions ("*" or NotAction)');
      }
    }),
  };
}

/** Actions that AWS only accepts on Resource "*" (no resource-level permissions). */
export const RESOURCE_STAR_ONLY = [
  "sts:GetCallerIdentity",
  "ec2:Describe*",
  "ecr:GetAuthorizationToken",
  "logs:DescribeLogGroups",
  "cloudwatch:PutMetricData",
  // CloudWatch metric reads (Service Authorization Reference, Amazon CloudWatch: no resource types).
  "cloudwatch:GetMetricData",
  "cloudwatch:GetMetricStatistics",
  "cloudwatch:ListMetrics",
  "cloudwatch:DescribeAlarmsForMetric",
  // The graph image of a metric (AWS Chatbot's alarm notifications): no resource types either.
  "cloudwatch:GetMetricWidgetImage",
  "kms:ListAliases",
  "s3:ListAllMyBuckets",
  "eks:ListClusters",
  "eks:DescribeAddonVersions",
  // Cluster Autoscaler's discovery (Service Authorization Reference: no resource types).
  "autoscaling:Describe*",
  "ec2:GetInstanceTypesFromInstanceRequirements",
  // Transit Gateway routing reads (Service Authorization Reference: no resource types).
  "ec2:GetTransitGatewayAttachmentPropagations",
  "ec2:GetTransitGatewayRouteTableAssociations",
  "ec2:GetTransitGatewayRouteTablePropagations",
  // The private zones a VPC is associated with (Service Authorization Reference, Amazon Route 53:
  // no resource types; the route53:VPCs condition key narrows it).
  "route53:ListHostedZonesByVPC",
];

export function iamNoWildcards(): ResourceValidationPolicy {
  return {
    name: "iam-no-wildcards",
    description:
      'No IAM statement grants a service-wide wildcard action, or a restrictable action on Resource "*".',
    severity: "high",
    remediationSteps:
      'Name the actions and scope Resource to the ARNs the principal uses; Resource "*" only for actions without resource-level permissions.',
    configSchema: {
      properties: {
        starResourceActions: {
          type: "array",
          items: { type: "string" },
          default: RESOURCE_STAR_ONLY,
        },
        /**
         * Managed policies that are ceilings, service-wide by design, when the bootstrap project
         * creates them: the deployer's services, the read-only roles' reads, the workload boundary.
         */
        ceilingPolicies: { type: "array", items: { type: "string" }, default: CEILING_POLICIES },
        bootstrapProjects: {
          type: "array",
          items: { type: "string" },
          default: BOOTSTRAP_PROJECTS,
        },
      },
    },
    validateResource: forEachDocument((statements, { config, name, urn }, report) => {
      const ceilings = (config["ceilingPolicies"] as string[] | undefined) ?? CEILING_POLICIES;
      const bootstrap = (config["bootstrapProjects"] as string[] | undefined) ?? BOOTSTRAP_PROJECTS;
      if (name && ceilings.includes(name) && bootstrap.includes(projectOf(urn))) return;
      const allowed = (config["starResourceActions"] as string[] | undefined) ?? RESOURCE_STAR_ONLY;
      const matches = (action: string, pattern: string) =>
        new RegExp(
          `^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
          "i",
        ).test(action);
      for (const s of statements) {
        const actions = list(s.Action);
        const serviceWide = actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a));
        if (serviceWide.length)
          report(`statement grants service-wide wildcard action(s) ${serviceWide.join(", ")}`);
        if (list(s.Resource).includes("*")) {
          const restrictable = actions.filter(
            (a) => a !== "*" && !allowed.some((p) => matches(a, p)),
          );
          if (restrictable.length)
            report(`statement grants ${restrictable.join(", ")} on Resource "*"; scope it to ARNs`);
        }
      }
    }),
  };
}

export function iamRoleScope(): ResourceValidationPolicy {
  return {
    name: "iam-role-scope",
    description:
      "Every IAM role a stack creates is named in the deployer's scope and carries the workload permissions boundary; every managed policy is named in the scope.",
    severity: "high",
    remediationSteps:
      "Create roles with scopedRole() from @platform/core (name stack-<logical name>, permissions boundary platform-workload-boundary); the deployer may create no other role, so AWS would refuse it at `up`.",
    configSchema: {
      properties: {
        namePrefix: { type: "string", default: WORKLOAD_NAME_PREFIX },
        boundaryPolicyName: { type: "string", default: WORKLOAD_BOUNDARY_NAME },
        bootstrapProjects: {
          type: "array",
          items: { type: "string" },
          default: BOOTSTRAP_PROJECTS,
        },
      },
    },
    validateResource: [
      validateResourceOfType(aws.iam.Role, (role, args, report) => {
        const cfg = args.getConfig<{
          namePrefix: string;
          boundaryPolicyName: string;
          bootstrapProjects: string[];
        }>();
        if (cfg.bootstrapProjects.includes(projectOf(args.urn))) return;
        if (!role.name?.startsWith(cfg.namePrefix)) {
          report(
            `role name ${role.name === undefined ? "(auto-named)" : `"${role.name}"`} is outside the deployer's scope ${cfg.namePrefix}*`,
          );
        }
        if (role.path !== undefined && role.path !== "/") {
          report(`role path "${role.path}" is not "/" (EKS node roles with a path cannot join)`);
        }
        if (!role.permissionsBoundary?.endsWith(`:policy/${cfg.boundaryPolicyName}`)) {
          report(
            `role has ${role.permissionsBoundary ? `boundary ${role.permissionsBoundary}` : "no permissions boundary"}; expected policy/${cfg.boundaryPolicyName}`,
          );
        }
      }),
      validateResourceOfType(aws.iam.Policy, (policy, args, report) => {
        const cfg = args.getConfig<{ namePrefix: string; bootstrapProjects: string[] }>();
        if (cfg.bootstrapProjects.includes(projectOf(args.urn))) return;
        if (!policy.name?.startsWith(cfg.namePrefix)) {
          report(
            `managed policy name ${policy.name === undefined ? "(auto-named)" : `"${policy.name}"`} is outside the deployer's scope ${cfg.namePrefix}*`,
          );
        }
      }),
    ],
  };
}
