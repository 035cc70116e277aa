import * as assert from "node:assert/strict";
import {
  contentAuditServiceData,
  securityGroupAuditArgProblems,
  securityGroupAuditSchema,
} from "../src";
import type { SecurityGroupAuditArgs, SecurityGroupAuditConfigInput } from "../src";

const ADMIN = "500000000005";
const issues = (c: Partial<SecurityGroupAuditConfigInput>) => {
  const r = securityGroupAuditSchema.safeParse({
    adminAccountId: ADMIN,
    referenceSecurityGroupId: "sg-0a1b2c3d",
    ...c,
  });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("Firewall Manager security group audit validation", () => {
  it("accepts an existing reference group; defaults to ALLOW, the NlbService tag, no remediation", () => {
    assert.deepEqual(issues({}), []);
    const parsed = securityGroupAuditSchema.parse({
      adminAccountId: ADMIN,
      referenceSecurityGroupId: "sg-0a1b2c3d",
    });
    assert.deepEqual(
      [parsed.action, parsed.resourceTags, parsed.remediation],
      ["ALLOW", { "platform:edge": "nlb-service" }, false],
    );
  });

  it("needs exactly one reference: an existing group or rules", () => {
    const message =
      "referenceSecurityGroupId: give exactly one of referenceSecurityGroupId and referenceRules";
    assert.ok(issues({ referenceSecurityGroupId: undefined })[0]!.startsWith(message));
    assert.ok(
      issues({
        referenceRules: [{ protocol: "tcp", fromPort: 443, cidr: "10.0.0.0/8" }],
      })[0]!.startsWith(message),
    );
    assert.deepEqual(
      issues({
        referenceSecurityGroupId: undefined,
        referenceRules: [{ protocol: "tcp", fromPort: 443, cidr: "10.0.0.0/8" }],
      }),
      [],
    );
  });

  it("refuses an include map with an exclude map, and an empty scope", () => {
    const scope = { accounts: ["600000000006"] };
    assert.match(
      issues({ include: scope, exclude: scope })[0]!,
      /^exclude: Firewall Manager takes an include map or an exclude map, not both/,
    );
    assert.deepEqual(issues({ include: { orgUnits: ["ou-ab12-cdef3456"] } }), []);
    assert.deepEqual(issues({ include: {} }), [
      "include: names no account and no organisational unit; list some in accounts or orgUnits, or remove it",
    ]);
    assert.match(
      issues({ exclude: { orgUnits: ["r-abcd"] } })[0]!,
      /^exclude\.orgUnits\.0: expected an organisational unit id/,
    );
  });

  it("needs one to eight resource tags", () => {
    assert.match(
      issues({ resourceTags: {} })[0]!,
      /^resourceTags: selects every security group of the organisation/,
    );
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v"]));
    assert.match(
      issues({ resourceTags: nine })[0]!,
      /^resourceTags: has 9 tags; a Firewall Manager policy takes at most 8/,
    );
  });

  it("refuses a reference rule with two peers or none, and a reversed port range", () => {
    const rules = (rule: object) =>
      issues({
        referenceSecurityGroupId: undefined,
        referenceRules: [{ protocol: "tcp", fromPort: 443, ...rule }],
      });
    assert.deepEqual(rules({ cidr: "10.0.0.0/8", prefixListId: "pl-0a1b" }), [
      "referenceRules.0.cidr: give exactly one of cidr and prefixListId",
    ]);
    assert.deepEqual(rules({}), [
      "referenceRules.0.cidr: give exactly one of cidr and prefixListId",
    ]);
    assert.deepEqual(rules({ cidr: "10.0.0.0/8", toPort: 80 }), [
      "referenceRules.0.toPort: is below fromPort 443; a port range runs from fromPort up to toPort",
    ]);
  });

  it("is created only from the Firewall Manager administrator account, and builds its reference in a VPC", () => {
    const args = (over: Partial<SecurityGroupAuditArgs>): string[] =>
      securityGroupAuditArgProblems({
        namePrefix: "org",
        accountId: ADMIN,
        config: { adminAccountId: ADMIN, referenceSecurityGroupId: "sg-0a1b2c3d" },
        ...over,
      }).map((p) => `${p.path.join(".")}=${String(p.value)}: ${p.message}`);
    assert.deepEqual(args({}), []);
    assert.match(
      args({ accountId: "200000000002" })[0]!,
      /^config\.adminAccountId=500000000005: is the Firewall Manager administrator account, but this stack deploys to 200000000002; create the audit from the administrator account's stack, or remove the audit from this one/,
    );
    const rules = {
      adminAccountId: ADMIN,
      referenceRules: [{ protocol: "tcp" as const, fromPort: 443, cidr: "10.0.0.0/8" }],
    };
    assert.match(
      args({ config: rules })[0]!,
      /^vpcId=undefined: the reference security group built from referenceRules needs the administrator account's VPC/,
    );
    assert.deepEqual(args({ config: rules, vpcId: "vpc-0a" }), []);
    assert.match(
      args({ config: { adminAccountId: "5" } })[0]!,
      /^config\.adminAccountId=[^:]*: expected a 12-digit AWS account id/,
    );
  });
});

describe("contentAuditServiceData", () => {
  it("writes the ManagedServiceData of API_SecurityServicePolicyData's content audit example", () => {
    assert.equal(
      contentAuditServiceData("sg-000e55995d61a06bd", "ALLOW"),
      '{"type":"SECURITY_GROUPS_CONTENT_AUDIT","securityGroups":[{"id":"sg-000e55995d61a06bd"}],"securityGroupAction":{"type":"ALLOW"}}',
    );
    assert.deepEqual(JSON.parse(contentAuditServiceData("sg-1", "DENY")).securityGroupAction, {
      type: "DENY",
    });
  });
});
