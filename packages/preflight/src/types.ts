/**
 * The preflight contract: what a rule reads (a captured plan) and what it reports (findings).
 * Preflight answers "will AWS, IAM and Kubernetes accept this and will it work"; the policy packs
 * answer "does the organisation allow it". A rule encodes one documented service constraint and
 * names that document in `source`.
 */
import type { PlanView as StackPlan } from "@platform/contracts";
import type { Context } from "./context";

/** A resource as the offline plan captured it, and one stack's plan: the plan contract's views. */
export type { PlanResourceView as PlanResource, PlanView as StackPlan } from "@platform/contracts";

export type Severity = "error" | "warning";

export type RuleFamily = "permissions" | "aws" | "kubernetes" | "calendar";

/** One finding, as it appears in a plan file under `preflight` (the plan contract's). */
export type { PreflightFinding as Finding } from "@platform/contracts";

/** What a rule's check returns: a finding without the fields the engine fills in. */
export interface Problem {
  readonly severity: Severity;
  readonly urn: string;
  readonly message: string;
  /** A more specific document than the rule's own, for this finding. */
  readonly source?: string;
}

/** Per-stack settings from preflight.json (keyed `<project>/<stack>`). */
export interface StackPreflightConfig {
  /** API groups whose CRDs exist before this stack is applied (installed by another stack). */
  readonly crdPrerequisites?: readonly string[];
  /** The previewer role's name in the stack's account (default platform-previewer). */
  readonly previewerRole?: string;
}

/**
 * Where `pulumi up` / `preview` of a stack run from: the Kubernetes provider's endpoint must be
 * reachable from there. `network: "internet"` is a runner with public egress (GitHub-hosted);
 * `network: "vpc"` a runner inside a VPC, reaching endpoints through routed CIDRs.
 */
export interface DeployLocation {
  readonly network: "internet" | "vpc";
  /** Public egress CIDRs of the runner (internet), for public endpoints with an allowlist. */
  readonly egressCidrs?: readonly string[];
  /** The runner's VPC CIDR (vpc). */
  readonly vpcCidr?: string;
  /**
   * The subnets the runner's requests come from (vpc), when narrower than its VPC: what the
   * cluster's security groups must admit. Default: `vpcCidr`.
   */
  readonly sourceCidrs?: readonly string[];
  /** Destination CIDRs the runner's network routes to (vpc): e.g. every environment's VPC. */
  readonly reachableCidrs?: readonly string[];
  /** Where this was read from, for messages. */
  readonly from: string;
}

export interface PreflightInput {
  readonly plan: StackPlan;
  /** Plans of other stacks (the hub, bootstrap) for cross-stack facts. */
  readonly otherPlans?: readonly StackPlan[];
  readonly config?: StackPreflightConfig;
  readonly deployLocation?: DeployLocation;
  /** The day calendars are evaluated on. Default: now. */
  readonly today?: Date;
}

export interface Rule {
  /** kebab-case, prefixed by its area: `aws-`, `iam-`, `k8s-`, `support-`. */
  readonly id: string;
  readonly family: RuleFamily;
  /** One line: what AWS/IAM/Kubernetes would refuse or what would silently not work. */
  readonly description: string;
  /** The document the rule encodes: "Title, URL". */
  readonly source: string;
  readonly check: (ctx: Context) => Iterable<Problem> | Promise<Iterable<Problem>>;
}
