/**
 * The checks of a Firewall Manager security group content audit, pure (`securityGroupAuditSchema`
 * runs them), and the policy's service data in the shape the FMS API documents.
 */
import type { Problem } from "@platform/core";
import type { SecurityGroupAuditConfig } from "./firewall-manager-schema";

const FMS_API = "https://docs.aws.amazon.com/fms/2018-01-01/APIReference";

/** FMS Policy ResourceTags: "Maximum number of 8 items" (API_Policy). */
export const FMS_MAX_RESOURCE_TAGS = 8;

/**
 * - One reference security group: an existing one or one built from rules (FMS supports one
 *   security group per content audit policy, API_SecurityServicePolicyData).
 * - IncludeMap or ExcludeMap, "but not both" (API_Policy); a scope names at least one account or OU.
 * - At most 8 resource tags (API_Policy); at least one: the platform audits the NLB services'
 *   groups, and no tag would compare every group of the organisation with the NLB reference.
 * - A reference rule has one peer (CIDR or prefix list) and `fromPort <= toPort` (EC2 rules).
 */
export function securityGroupAuditProblems(audit: SecurityGroupAuditConfig): Problem[] {
  const problems: Problem[] = [];
  const hasRules = audit.referenceRules.length > 0;
  if ((audit.referenceSecurityGroupId !== undefined) === hasRules)
    problems.push({
      path: ["referenceSecurityGroupId"],
      value: audit.referenceSecurityGroupId,
      message: `give exactly one of referenceSecurityGroupId and referenceRules: a content audit policy compares with one reference security group (${FMS_API}/API_SecurityServicePolicyData.html)`,
    });
  if (audit.include && audit.exclude)
    problems.push({
      path: ["exclude"],
      value: audit.exclude,
      message: `Firewall Manager takes an include map or an exclude map, not both (an include map ignores the exclude map: ${FMS_API}/API_Policy.html); keep one`,
    });
  for (const key of ["include", "exclude"] as const) {
    const scope = audit[key];
    if (scope && scope.accounts.length === 0 && scope.orgUnits.length === 0)
      problems.push({
        path: [key],
        value: scope,
        message:
          "names no account and no organisational unit; list some in accounts or orgUnits, or remove it",
      });
  }
  const tags = Object.keys(audit.resourceTags).length;
  if (tags === 0 || tags > FMS_MAX_RESOURCE_TAGS)
    problems.push({
      path: ["resourceTags"],
      value: audit.resourceTags,
      message:
        tags === 0
          ? "selects every security group of the organisation; give the tags of the audited groups (default the NlbService tag)"
          : `has ${tags} tags; a Firewall Manager policy takes at most ${FMS_MAX_RESOURCE_TAGS} (${FMS_API}/API_Policy.html)`,
    });
  audit.referenceRules.forEach((rule, i) => {
    if ((rule.cidr === undefined) === (rule.prefixListId === undefined))
      problems.push({
        path: ["referenceRules", i, "cidr"],
        value: rule.cidr,
        message: "give exactly one of cidr and prefixListId",
      });
    if (rule.toPort !== undefined && rule.toPort < rule.fromPort)
      problems.push({
        path: ["referenceRules", i, "toPort"],
        value: rule.toPort,
        message: `is below fromPort ${rule.fromPort}; a port range runs from fromPort up to toPort`,
      });
  });
  return problems;
}

/**
 * The audit policy is put by the organisation's Firewall Manager administrator account, and only
 * there (Firewall Manager policies are managed from the administrator account, API_PutPolicy):
 * the stack's account must be it.
 */
export function fmsAdminProblems(adminAccountId: string, accountId: string): Problem[] {
  return adminAccountId === accountId
    ? []
    : [
        {
          path: ["adminAccountId"],
          value: adminAccountId,
          message: `is the Firewall Manager administrator account, but this stack deploys to ${accountId}; create the audit from the administrator account's stack, or remove the audit from this one (${FMS_API}/API_PutPolicy.html)`,
        },
      ];
}

/**
 * `ManagedServiceData` of a SECURITY_GROUPS_CONTENT_AUDIT policy, as API_SecurityServicePolicyData
 * documents it: `{"type":"SECURITY_GROUPS_CONTENT_AUDIT","securityGroups":[{"id":"sg-..."}],
 * "securityGroupAction":{"type":"ALLOW"}}`.
 */
export function contentAuditServiceData(
  securityGroupId: string,
  action: SecurityGroupAuditConfig["action"],
): string {
  return JSON.stringify({
    type: "SECURITY_GROUPS_CONTENT_AUDIT",
    securityGroups: [{ id: securityGroupId }],
    securityGroupAction: { type: action },
  });
}
