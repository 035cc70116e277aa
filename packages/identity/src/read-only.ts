/**
 * The read-only identities of every account: the previewer (pull-request previews) and the drift
 * role (drift detection) read configuration, Describe/Get/List of the deployed services and IAM,
 * minus reads of data.
 */
import type { AccountContext } from "./model";
import { CI_DRIFT_ROLE, CI_PREVIEW_ROLE, ciRoleArn } from "./model";
import { DATA_READS, DEPLOY_SERVICES } from "./services";
import type { PolicyDocument } from "./statements";
import { assumedByRoles, doc } from "./statements";

/** Action verbs that only read configuration (the previewer's and the drift role's rights). */
const READ_VERBS = ["Describe*", "Get*", "List*", "BatchGet*"];

/** Trust of the previewer (preview) or the drift role (drift): only their CI role. */
export function readOnlyTrust(ctx: AccountContext, mode: "preview" | "drift"): PolicyDocument {
  return assumedByRoles(
    mode === "preview" ? "PullRequestPreviews" : "DriftDetection",
    ciRoleArn(ctx, mode === "preview" ? CI_PREVIEW_ROLE : CI_DRIFT_ROLE),
  );
}

/** Configuration reads of the deployed services and IAM; no data reads. */
export function readOnlyPolicy(): PolicyDocument {
  return doc(
    {
      Sid: "ReadConfiguration",
      Effect: "Allow",
      Action: [
        ...["iam", ...DEPLOY_SERVICES].flatMap((s) => READ_VERBS.map((v) => `${s}:${v}`)),
        "ec2:SearchTransitGatewayRoutes",
      ],
      Resource: "*",
    },
    { Sid: "DenyDataReads", Effect: "Deny", Action: DATA_READS, Resource: "*" },
  );
}
