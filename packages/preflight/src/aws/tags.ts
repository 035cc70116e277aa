/**
 * Tag limits AWS enforces on every taggable resource: at most 50 user tags (the provider's default
 * tags count, merged with the resource's own), keys of 1-128 and values of 0-256 characters, no
 * `aws:` prefix. Characters outside the set most services accept are a warning (EC2 accepts more).
 */
import { asObject } from "../context";
import type { Problem, Rule } from "../types";

const TAGGING =
  "Tagging AWS resources, tag naming limits and requirements, https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";

export const MAX_TAGS = 50;
const SAFE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function tagProblems(
  tags: Record<string, unknown>,
  where: string,
  countThem = true,
): Array<Omit<Problem, "urn">> {
  const out: Array<Omit<Problem, "urn">> = [];
  const entries = Object.entries(tags);
  if (countThem && entries.length > MAX_TAGS)
    out.push({
      severity: "error",
      message: `${where} has ${entries.length} tags; AWS allows ${MAX_TAGS} user tags per resource (default tags included)`,
    });
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128)
      out.push({
        severity: "error",
        message: `${where}: tag key "${key}" is ${key.length} characters; keys are 1-128`,
      });
    if (key.toLowerCase().startsWith("aws:"))
      out.push({
        severity: "error",
        message: `${where}: tag key "${key}" uses the reserved prefix aws:`,
      });
    if (typeof value === "string" && value.length > 256)
      out.push({
        severity: "error",
        message: `${where}: tag "${key}" has a ${value.length}-character value; values are at most 256`,
      });
    if (!SAFE.test(key) || (typeof value === "string" && !SAFE.test(value)))
      out.push({
        severity: "warning",
        message: `${where}: tag "${key}" has characters outside letters, digits, spaces and _.:/=+-@, which several services refuse`,
      });
  }
  return out;
}

export const awsTags: Rule = {
  id: "aws-tags",
  family: "aws",
  description:
    "more than 50 tags (provider default tags included), key or value too long, reserved aws: prefix",
  source: TAGGING,
  *check(ctx) {
    for (const p of ctx.ofType("pulumi:providers:aws")) {
      const tags = ctx.json(p, "defaultTags") as { tags?: Record<string, unknown> } | undefined;
      for (const problem of tagProblems(tags?.tags ?? {}, "the provider's default tags"))
        yield { ...problem, urn: p.urn };
    }
    for (const r of ctx.resources) {
      if (!r.type.startsWith("aws:") || r.inputs["tags"] === undefined) continue;
      const own = asObject(r.inputs["tags"]);
      // Default-tag keys and values are checked once, on the provider; the count is per resource.
      const count = Object.keys({ ...ctx.defaultTags(r), ...own }).length;
      if (count > MAX_TAGS)
        yield {
          severity: "error",
          urn: r.urn,
          message: `${count} tags with the provider's default tags; AWS allows ${MAX_TAGS} user tags per resource`,
        };
      for (const problem of tagProblems(own, "tags", false)) yield { ...problem, urn: r.urn };
    }
  },
};
