/** The shape of an actions-table entry and the helpers the service families share. */
import { known } from "../../context";
import type { PlanResource } from "../../types";

/** Where a resource is created, and the name it will have: what its ARN is built from. */
export interface ArnParts {
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

export interface TypeActions {
  /** Service Authorization Reference page of the service. */
  readonly source: string;
  readonly create: readonly string[];
  readonly update?: readonly string[];
  /** What `preview --refresh` reads. (Types without a tags input call no ec2:CreateTags.) */
  readonly read: readonly string[];
  /** The ARN the actions are authorized against. */
  readonly arn: (r: PlanResource, at: ArnParts) => string;
  /**
   * The ARN of the resource once it exists, which update and read actions are authorized against,
   * when it is not the create call's (e.g. an EKS node group is created on its cluster).
   */
  readonly readArn?: (r: PlanResource, at: ArnParts) => string;
  /**
   * Actions the service performs with the caller's credentials on resources of other services
   * while creating this one (e.g. OpenSearch Serverless making a VPC endpoint's interface endpoint
   * and private hosted zone), each group with the ARN it is authorized against.
   */
  readonly onBehalf?: ReadonlyArray<{
    readonly actions: readonly string[];
    readonly arn: (r: PlanResource, at: ArnParts) => string;
    /** Where AWS documents the group (else `source`). */
    readonly source?: string;
  }>;
  /** Inputs holding role ARNs the service is handed, with the service principal. */
  readonly passRole?: ReadonlyArray<{ readonly input: string; readonly service: string }>;
  /**
   * Inputs holding KMS keys the caller must be able to grant to the service at create time
   * (kms:CreateGrant, kms:DescribeKey), e.g. EKS secrets encryption.
   */
  readonly kms?: readonly string[];
  /**
   * Condition keys the create call carries, from the planned resources (e.g. the permissions
   * boundary `iam:CreateRole` sets, or the one already on the role a policy is put on).
   */
  readonly context?: (
    r: PlanResource,
    resources: readonly PlanResource[],
  ) => Record<string, string> | undefined;
}

/** One service family's entries, keyed by Pulumi resource type. */
export type ActionsTable = Readonly<Record<string, TypeActions>>;

/** The Service Authorization Reference page listing the service's actions. */
export const sar = (service: string) =>
  `Service Authorization Reference, actions defined by ${service}, https://docs.aws.amazon.com/service-authorization/latest/reference/list_${service.toLowerCase().replace(/[^a-z0-9]/g, "")}.html`;

/** An input's planned value for an ARN, or `fallback` (`*`) while it is unknown. */
export function inputOr(r: PlanResource, field: string, fallback = "*"): string {
  const value = r.inputs[field];
  return known(value) ? String(value) : fallback;
}

/** Name a resource will have (set, or Pulumi's `<logical>-<7 hex>`), for ARNs. */
export function nameOf(r: PlanResource, field = "name"): string {
  return inputOr(r, field, `${r.name}-0000000`);
}
