/**
 * The hub's checks across values, pure, each returning `Problem[]` (paths relative to the block the
 * check is given). `transitGatewaySchema` and `segmentsSchema` run them in their `superRefine`, so
 * the network stack reports them against its own keys before any resource exists; the hub's
 * constructor runs the segment and sharing checks again for programs that skip the schema.
 *
 * How the Transit Gateway reaches the workload accounts through AWS RAM:
 * - `organization`: RAM sharing with AWS Organizations is enabled (once, in the organisation's
 *   management account, docs/bootstrap/README.md). Accounts, OUs and the organisation get the
 *   Transit Gateway without an invitation; the share admits no principal outside the organisation.
 * - `invitation`: RAM invites each account and the spoke stack accepts the invitation
 *   (`aws.ram.ResourceShareAccepter`) before it attaches its VPC. Only account ids can be invited;
 *   accounts outside the organisation may be (the share allows external principals).
 * Sources: AWS RAM User Guide, "Enable resource sharing within AWS Organizations"
 * (https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html); the provider's
 * PrincipalAssociation: without sharing with AWS Organizations, organisation and OU principals
 * cannot be used and account principals receive an invitation that must be accepted.
 */
import { duplicates } from "@platform/core";
import type { Problem } from "@platform/core";
import type { RamSharingMode } from "@platform/contracts";
import type { TransitGatewayConfig } from "./schema";
import { segmentProblems } from "./segments";
import type { Segments } from "./segments";
export { RAM_SHARING_MODES } from "@platform/contracts";
export type { RamSharingMode } from "@platform/contracts";

/**
 * RAM principals: each one once. A repeated principal would be a second PrincipalAssociation with
 * the same child name (`<hub>-share-<label>`), which the engine rejects as a duplicate URN after
 * the Transit Gateway was created.
 */
export function shareProblems(shareWith: readonly string[]): Problem[] {
  return duplicates(shareWith).map(({ index, first, value }) => ({
    path: ["shareWith", index],
    value,
    message: `is already listed at shareWith[${first}]; list each account or OU once`,
  }));
}

const ORGANIZATION_PRINCIPAL = /^arn:aws[a-z-]*:organizations::\d{12}:(organization|ou)\//;

/** Principals the sharing mode cannot reach. */
export function sharingProblems(mode: RamSharingMode, shareWith: readonly string[]): Problem[] {
  if (mode !== "invitation") return [];
  return shareWith.flatMap((principal, i) =>
    ORGANIZATION_PRINCIPAL.test(principal)
      ? [
          {
            path: ["shareWith", i],
            value: principal,
            message:
              "an organisation or OU principal needs sharing: organization (RAM sharing with AWS Organizations enabled, docs/bootstrap/README.md); with invitation, list account ids",
          },
        ]
      : [],
  );
}

/** The Transit Gateway block: its RAM principals, once each and reachable by its sharing mode. */
export function transitGatewayProblems(
  tgw: Pick<TransitGatewayConfig, "shareWith" | "sharing">,
): Problem[] {
  return [...shareProblems(tgw.shareWith), ...sharingProblems(tgw.sharing, tgw.shareWith)];
}

/** The segment map as a whole (`segmentProblems`: mutual, known, prod and nonprod apart). */
export function segmentMapProblems(segments: Segments): Problem[] {
  return segmentProblems(segments).map((message) => ({
    path: [],
    value: Object.keys(segments),
    message,
  }));
}
