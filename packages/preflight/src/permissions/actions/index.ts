/**
 * What the deployer must be allowed to create each resource type the stacks use, as data: the API
 * actions the provider calls to create it, and the ones an update needs; the read actions a
 * `preview --refresh` (the previewer) needs; inputs holding roles handed to the service
 * (`iam:PassRole`) and keys the service encrypts with (the deployer needs to let the service use
 * the key). Actions are named as in the Service Authorization Reference of each service (`source`);
 * the resource ARN is what the create call is authorized against (a new resource's id is not
 * known before it exists: `*`). One module per service family; a new type goes in its family's.
 */
import type { Context } from "../../context";
import type { PlanResource } from "../../types";
import { CHAT_ACTIONS } from "./chat";
import { DELIVERY_ACTIONS } from "./delivery";
import { DNS_ACTIONS } from "./dns";
import { EDGE_ACTIONS } from "./edge";
import { EKS_ACTIONS } from "./eks";
import { IDENTITY_ACTIONS } from "./identity";
import { LOGGING_ACTIONS } from "./logging";
import { MONITORING_ACTIONS } from "./monitoring";
import { NETWORK_ACTIONS } from "./network";
import { RAM_ACTIONS } from "./ram";
import { SEARCH_ACTIONS } from "./search";
import { nameOf } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";
import { STORAGE_ACTIONS } from "./storage";

export { nameOf } from "./shared";
export type { TypeActions } from "./shared";

export const ACTIONS: ActionsTable = {
  ...NETWORK_ACTIONS,
  ...IDENTITY_ACTIONS,
  ...MONITORING_ACTIONS,
  ...STORAGE_ACTIONS,
  ...EKS_ACTIONS,
  ...RAM_ACTIONS,
  ...DELIVERY_ACTIONS,
  ...LOGGING_ACTIONS,
  ...DNS_ACTIONS,
  ...EDGE_ACTIONS,
  ...SEARCH_ACTIONS,
  ...CHAT_ACTIONS,
};

/** The account and region a resource is created in, and its name, for its ARN. */
export function arnOf(
  ctx: Context,
  r: PlanResource,
  actions: TypeActions,
  purpose: "create" | "existing" = "create",
): string | undefined {
  const account = ctx.accountId(r);
  const region = ctx.region(r);
  if (!account || !region) return undefined;
  const field =
    r.type === "aws:s3/bucket:Bucket"
      ? "bucket"
      : r.type === "aws:eks/nodeGroup:NodeGroup"
        ? "nodeGroupName"
        : "name";
  const at = { account, region, name: nameOf(r, field) };
  return purpose === "existing" && actions.readArn ? actions.readArn(r, at) : actions.arn(r, at);
}
