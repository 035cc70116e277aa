import * as aws from "@pulumi/aws";
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

/** Policy documents of the IAM resource types that carry them. */
const DOCUMENT_FIELDS: Array<[{ __pulumiType: string }, string]> = [
  [aws.iam.Policy as never, "policy"],
  [aws.iam.RolePolicy as never, "policy"],
  [aws.iam.UserPolicy as never, "policy"],
  [aws.iam.GroupPolicy as never, "policy"],
];

function forEachDocument(
  check: (
    statements: Statement[],
    config: Record<string, unknown>,
    report: (m: string) => void,
  ) => void,
) {
  return DOCUMENT_FIELDS.map(([cls, field]) =>
    validateResourceOfType(cls as never, (props: Record<string, unknown>, args, report) =>
      check(allowStatements(props[field]), args.getConfig(), report),
    ),
  ).concat([
    validateResourceOfType(aws.iam.Role, (role, args, report) => {
      for (const inline of role.inlinePolicies ?? [])
        check(allowStatements(inline.policy), args.getConfig(), report);
    }),
  ]);
}

export function iamNoAdmin(): ResourceValidationPolicy {
  return {
    name: "iam-no-admin",
    description: 'No IAM policy allows "*" actions (administrator access).',
    severity: "critical",
    remediationSteps: 'List the actions the principal needs instead of "*" or "*:*".',
    validateResource: forEachDocument((statements, _config, report) => {
      for (const s of statements) {
        if (list(s.Action).some((a) => a === "*" || a === "*:*") || s.NotAction !== undefined)
          report('a statement allows all actions ("*" or NotAction)');
      }
    }),
  };
}

/** Actions that AWS only accepts on Resource "*" (no resource-level permissions). */
const RESOURCE_STAR_ONLY = [
  "sts:GetCallerIdentity",
  "ec2:Describe*",
  "ecr:GetAuthorizationToken",
  "logs:DescribeLogGroups",
  "cloudwatch:PutMetricData",
  "kms:ListAliases",
  "s3:ListAllMyBuckets",
  "eks:ListClusters",
  "eks:DescribeAddonVersions",
  // Cluster Autoscaler's discovery (Service Authorization Reference: no resource types).
  "autoscaling:Describe*",
  "ec2:GetInstanceTypesFromInstanceRequirements",
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
      },
    },
    validateResource: forEachDocument((statements, config, report) => {
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
