/**
 * One IAM authorization decision, offline: the principal's identity policies, its permissions
 * boundary and the resource's policy (bucket, key or trust policy) evaluated for one action on one
 * resource by @cloud-copilot/iam-simulate, which ships AWS's action, resource and condition-key
 * data. The answer says Allowed, ExplicitlyDenied or ImplicitlyDenied and which statements decided.
 *
 * Request context keys the simulator's data does not list for the action (the generic OIDC
 * claims `<provider>:aud` and `<provider>:sub` of AssumeRoleWithWebIdentity) would be dropped
 * before evaluation. For those, the simulator runs in its Discovery mode with every other key
 * authoritative, returns the conditions left on the dropped keys, and `simulate` checks them
 * against the request's values (string operators only; anything else is an error, never a guess).
 */
import { getDenialReasons, getGrantReasons, runSimulation } from "@cloud-copilot/iam-simulate";
import { rememberResourceTypes } from "./resource-types";
import type {
  AllowedConditionExpression,
  RequestAnalysis,
  RunSimulationResults,
  Simulation,
} from "@cloud-copilot/iam-simulate";

/** An IAM policy document as AWS takes it (JSON object, not text). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: unknown;
}

export interface IamPrincipal {
  /**
   * Who makes the request: an assumed-role session (`arn:aws:sts::<acct>:assumed-role/<role>/<s>`),
   * a role, a user, or for AssumeRoleWithWebIdentity the OIDC provider
   * (`arn:aws:iam::<acct>:oidc-provider/token.actions.githubusercontent.com`).
   */
  readonly arn: string;
  /** Managed and inline policies of the principal, by name (names appear in the reasons). */
  readonly identityPolicies?: Readonly<Record<string, PolicyDocument>>;
  /** The principal's permissions boundary, if it has one. */
  readonly permissionsBoundary?: PolicyDocument;
}

export interface IamRequest {
  /** `service:Action`, e.g. `iam:CreateRole`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without resource-level permissions. */
  readonly resource: string;
  /** Account that owns the resource; default: the ARN's account, else the principal's. */
  readonly resourceAccount?: string;
  /** Request context: condition keys and their values, e.g. `iam:PermissionsBoundary`. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** The resource's own policy: a role's trust policy, a bucket policy, a key policy. */
  readonly resourcePolicy?: PolicyDocument;
}

export type IamResult = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface IamDecision {
  readonly action: string;
  readonly resource: string;
  readonly result: IamResult;
  readonly allowed: boolean;
  /** Which statements allowed or denied it, or which policy type gave no allow. */
  readonly reasons: readonly string[];
}

const POLICY_TYPE_NAMES: Record<string, string> = {
  identity: "identity policy",
  resource: "resource policy",
  pb: "permissions boundary",
  scp: "service control policy",
  rcp: "resource control policy",
  vpce: "VPC endpoint policy",
  "s3-bpa": "S3 Block Public Access",
};

/** The account id in an ARN (`arn:<partition>:<service>:<region>:<account>:...`), if any. */
function accountOf(arn: string): string | undefined {
  return /^arn:[\w-]+:[\w-]*:[\w-]*:(\d{12}):/.exec(arn)?.[1];
}

rememberResourceTypes();

export async function simulate(principal: IamPrincipal, request: IamRequest): Promise<IamDecision> {
  const principalAccount = accountOf(principal.arn);
  const accountId = request.resourceAccount ?? accountOf(request.resource) ?? principalAccount;
  if (!accountId) {
    throw new Error(
      `${request.action} on ${request.resource}: no account for the resource; set resourceAccount`,
    );
  }
  const context = Object.fromEntries(
    Object.entries(request.context ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : [...v]]),
  );
  const simulation: Simulation = {
    request: {
      principal: principal.arn,
      action: request.action,
      resource: { resource: request.resource, accountId },
      contextVariables: context,
    },
    identityPolicies: Object.entries(principal.identityPolicies ?? {}).map(([name, policy]) => ({
      name,
      policy,
    })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
    permissionBoundaryPolicies: principal.permissionsBoundary
      ? [{ name: "permissions-boundary", policy: principal.permissionsBoundary }]
      : undefined,
  };
  const strict = checked(request, await runSimulation(simulation, {}));
  const dropped = ignoredKeys(strict);
  if (dropped.length === 0) return decision(request, strict.overallResult, analyses(strict));

  // Keys the simulator's data does not know: evaluate everything else authoritatively and the
  // conditions left on those keys here.
  const unknownKeys = new RegExp(`^(?!(${dropped.map(escapeRegExp).join("|")})$).*$`, "i");
  const discovery = checked(
    request,
    await runSimulation(simulation, {
      simulationMode: "Discovery",
      discoveryContextKeyConstraints: [
        { keyName: `/${unknownKeys.source}/`, presenceIsKnown: true, valueIsKnown: true },
      ],
    }),
  );
  const found = analyses(discovery);
  if (discovery.overallResult !== "Allowed")
    return decision(request, discovery.overallResult, found);
  const residual = found.map((a) => a.conditions).filter((c) => c !== undefined);
  const lines: string[] = [];
  const met = residual.every((c) => conditionHolds(c, context, lines, request));
  return met
    ? decision(request, "Allowed", found, lines)
    : {
        action: request.action,
        resource: request.resource,
        result: "ImplicitlyDenied",
        allowed: false,
        reasons: lines.filter((l) => l.includes("not met")),
      };
}

/** Every request for one principal, in order. */
export async function simulateAll(
  principal: IamPrincipal,
  requests: readonly IamRequest[],
): Promise<IamDecision[]> {
  const out: IamDecision[] = [];
  for (const request of requests) out.push(await simulate(principal, request));
  return out;
}

/** One line: `iam:CreateRole on arn:...: ImplicitlyDenied (no statement of the ... allows it)`. */
export function explain(decision: IamDecision): string {
  return `${decision.action} on ${decision.resource}: ${decision.result} (${decision.reasons.join("; ")})`;
}

type Successful = Exclude<RunSimulationResults, { resultType: "error" }>;

function checked(request: IamRequest, result: RunSimulationResults): Successful {
  if (result.resultType === "error") {
    throw new Error(
      `${request.action} on ${request.resource}: the simulator rejected the input: ${result.errors.message} ${JSON.stringify(result.errors)}`,
    );
  }
  return result;
}

function ignoredKeys(result: Successful): string[] {
  const results = result.resultType === "single" ? [result.result] : result.results;
  return [...new Set(results.flatMap((r) => r.ignoredContextKeys ?? []))];
}

function analyses(result: Successful): RequestAnalysis[] {
  return result.resultType === "single"
    ? [result.result.analysis]
    : result.results.map((r) => r.analysis);
}

function decision(
  request: IamRequest,
  result: IamResult,
  found: readonly RequestAnalysis[],
  extra: readonly string[] = [],
): IamDecision {
  const reasons = new Set<string>();
  for (const analysis of found) {
    if (result === "Allowed") {
      for (const g of getGrantReasons(analysis)) {
        const policy =
          "policyIdentifier" in g && g.policyIdentifier ? ` ${g.policyIdentifier}` : "";
        reasons.add(
          `allowed by ${POLICY_TYPE_NAMES[g.policyType]}${policy} statement ${g.statementId ?? `#${g.statementIndex}`}`,
        );
      }
    } else {
      for (const d of getDenialReasons(analysis)) {
        const type = POLICY_TYPE_NAMES[d.policyType] ?? d.policyType;
        if (d.denialType === "Explicit") {
          const policy = d.policyIdentifier ? ` ${d.policyIdentifier}` : "";
          reasons.add(
            `denied by ${type}${policy} statement ${d.statementId ?? `#${d.statementIndex}`}`,
          );
        } else {
          reasons.add(`no statement of the ${type} allows it`);
        }
      }
    }
  }
  for (const line of extra) reasons.add(line);
  if (reasons.size === 0) {
    reasons.add(
      found.length === 0
        ? `no statement names a resource matching ${request.resource}`
        : "no deciding statement: a KMS key or a role needs its key or trust policy as resourcePolicy",
    );
  }
  return {
    action: request.action,
    resource: request.resource,
    result,
    allowed: result === "Allowed",
    reasons: [...reasons],
  };
}

const STRING_OPERATORS = new Set([
  "StringEquals",
  "StringLike",
  "StringNotEquals",
  "StringNotLike",
]);

/** A condition the simulator left on keys it does not know, checked against the request. */
function conditionHolds(
  expression: AllowedConditionExpression,
  context: Record<string, string | string[]>,
  lines: string[],
  request: IamRequest,
): boolean {
  switch (expression.conditionType) {
    case "always":
      return true;
    case "never":
      return false;
    case "group":
      return expression.operator === "and"
        ? expression.conditions.every((c) => conditionHolds(c, context, lines, request))
        : expression.conditions.some((c) => conditionHolds(c, context, lines, request));
    case "condition": {
      if (!STRING_OPERATORS.has(expression.op)) {
        throw new Error(
          `${request.action}: cannot check ${expression.op} on ${expression.key} outside the simulator; use a string operator`,
        );
      }
      const raw = Object.entries(context).find(
        ([k]) => k.toLowerCase() === expression.key.toLowerCase(),
      )?.[1];
      const values = raw === undefined ? [] : typeof raw === "string" ? [raw] : raw;
      const like = expression.op.endsWith("Like");
      const matches = values.some((v) =>
        expression.values.some((p) => (like ? wildcard(p).test(v) : p === v)),
      );
      // A negated operator holds when the key is absent, as in AWS.
      const holds = expression.op.includes("Not") ? !matches : matches;
      lines.push(
        `${expression.op} ${expression.key} ${JSON.stringify(expression.values)} on ${JSON.stringify(values)}: ${holds ? "met" : "not met"}`,
      );
      return holds;
    }
    default:
      throw new Error(
        `${request.action}: cannot check a ${expression.conditionType} condition outside the simulator`,
      );
  }
}

function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : escapeRegExp(ch)))
      .join("")}$`,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
