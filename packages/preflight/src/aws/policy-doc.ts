/**
 * Reads resource policies held in the plan (key policies, bucket policies) for one question: does
 * some Allow statement give this service principal these actions, with no Deny taking them away?
 * Conditions are returned with the statement so a rule can check the ones it understands (for
 * example the encryption context CloudWatch Logs sends); wildcards in actions follow IAM's
 * case-insensitive `*`/`?` matching.
 */
import { asArray, asObject } from "../context";

export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export function statements(policy: unknown): Statement[] {
  const doc = asObject(policy);
  const raw = doc["Statement"];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map(
    (s) => asObject(s) as unknown as Statement,
  );
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}

export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return re.test(action);
}

function coversAction(s: Statement, action: string): boolean {
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => actionMatches(p, action));
  return list(s.Action).some((p) => actionMatches(p, action));
}

/** The statement names the service principal (or everyone). */
function namesService(s: Statement, service: string): boolean {
  if (s.Principal === "*") return true;
  const principal = asObject(s.Principal);
  if (list(principal["AWS"]).includes("*")) return true;
  return list(principal["Service"]).includes(service);
}

export interface ServiceGrant {
  /** Actions no Allow statement gives the service. */
  readonly missing: string[];
  /** Actions a Deny statement naming the service (or everyone) takes away, without conditions. */
  readonly denied: string[];
  /** The Allow statements that give the service at least one of the actions. */
  readonly allowing: Statement[];
}

export function serviceGrant(
  policy: unknown,
  service: string,
  actions: readonly string[],
): ServiceGrant {
  const all = statements(policy);
  const allowing = all.filter(
    (s) =>
      s.Effect === "Allow" && namesService(s, service) && actions.some((a) => coversAction(s, a)),
  );
  const missing = actions.filter((a) => !allowing.some((s) => coversAction(s, a)));
  const denied = actions.filter((a) =>
    all.some(
      (s) => s.Effect === "Deny" && namesService(s, service) && !s.Condition && coversAction(s, a),
    ),
  );
  return { missing, denied, allowing };
}

/** Values a condition of the statement requires for a key, under any operator (lower-cased key). */
export function conditionValues(
  s: Statement,
  key: string,
): { operator: string; values: string[] }[] {
  const out: { operator: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(s.Condition ?? {})) {
    for (const [k, v] of Object.entries(asObject(block))) {
      if (k.toLowerCase() === key.toLowerCase())
        out.push({ operator, values: asArray(v).length ? asArray(v).map(String) : [String(v)] });
    }
  }
  return out;
}

/** IAM's ArnLike/StringLike matching: `*` and `?` wildcards, case-sensitive. */
export function likeMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return re.test(value);
}
