import * as assert from "node:assert/strict";
import { actionsOf, explain, isWildcardOnly, simulate, WRITE_LEVELS } from "../src";
import type { PolicyDocument } from "../src";

const doc = (...Statement: unknown[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const session = "arn:aws:sts::111111111111:assumed-role/deployer/s";
const boundaryArn = "arn:aws:iam::111111111111:policy/boundary";
const identity = {
  scoped: doc(
    {
      Sid: "CreateScopedRoles",
      Effect: "Allow",
      Action: "iam:CreateRole",
      Resource: "arn:aws:iam::111111111111:role/stack-*",
      Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn } },
    },
    { Sid: "Ec2", Effect: "Allow", Action: ["ec2:CreateVpc", "ec2:DescribeVpcs"], Resource: "*" },
    {
      Sid: "NoAdmin",
      Effect: "Deny",
      Action: "iam:AttachRolePolicy",
      Resource: "*",
      Condition: { ArnLike: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } },
    },
    { Sid: "Attach", Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" },
  ),
};

describe("simulate", () => {
  it("allows what an identity statement grants when its condition holds, naming the statement", async () => {
    const d = await simulate(
      { arn: session, identityPolicies: identity },
      {
        action: "iam:CreateRole",
        resource: "arn:aws:iam::111111111111:role/stack-x",
        context: { "iam:PermissionsBoundary": boundaryArn },
      },
    );
    assert.equal(d.result, "Allowed");
    assert.deepEqual(d.reasons, ["allowed by identity policy scoped statement CreateScopedRoles"]);
  });

  it("denies implicitly when the condition fails or the resource is out of scope", async () => {
    for (const [resource, context] of [
      ["arn:aws:iam::111111111111:role/stack-x", {}],
      [
        "arn:aws:iam::111111111111:role/platform-deployer",
        { "iam:PermissionsBoundary": boundaryArn },
      ],
    ] as const) {
      const d = await simulate(
        { arn: session, identityPolicies: identity },
        { action: "iam:CreateRole", resource, context },
      );
      assert.equal(d.result, "ImplicitlyDenied", explain(d));
      assert.deepEqual(d.reasons, ["no statement of the identity policy allows it"]);
    }
  });

  it("reports the explicit deny that wins over an allow", async () => {
    const d = await simulate(
      { arn: session, identityPolicies: identity },
      {
        action: "iam:AttachRolePolicy",
        resource: "arn:aws:iam::111111111111:role/stack-x",
        context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" },
      },
    );
    assert.equal(d.result, "ExplicitlyDenied");
    assert.deepEqual(d.reasons, ["denied by identity policy scoped statement NoAdmin"]);
  });

  it("applies the permissions boundary: allowed by identity but not by the boundary is denied", async () => {
    const principal = {
      arn: session,
      identityPolicies: identity,
      permissionsBoundary: doc({ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }),
    };
    assert.equal(
      (await simulate(principal, { action: "ec2:DescribeVpcs", resource: "*" })).result,
      "Allowed",
    );
    const create = await simulate(principal, {
      action: "ec2:CreateVpc",
      resource: "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0123456789abcdef0",
    });
    assert.equal(create.result, "ImplicitlyDenied");
    assert.deepEqual(create.reasons, ["no statement of the permissions boundary allows it"]);
  });

  it("evaluates a cross-account AssumeRole against the role's trust policy", async () => {
    const trust = doc({
      Sid: "FromCi",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:role/ci" },
      Action: "sts:AssumeRole",
    });
    const caller = (role: string) => ({
      arn: `arn:aws:sts::111111111111:assumed-role/${role}/run`,
      identityPolicies: {
        ci: doc({
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Resource: "arn:aws:iam::222222222222:role/*",
        }),
      },
    });
    const request = {
      action: "sts:AssumeRole",
      resource: "arn:aws:iam::222222222222:role/target",
      resourcePolicy: trust,
    };
    assert.equal((await simulate(caller("ci"), request)).result, "Allowed");
    const other = await simulate(caller("other"), request);
    assert.equal(other.result, "ImplicitlyDenied");
    assert.deepEqual(other.reasons, ["no statement of the resource policy allows it"]);
  });

  describe("web identity (claims the simulator's data does not list)", () => {
    const host = "token.actions.githubusercontent.com";
    const provider = { arn: `arn:aws:iam::111111111111:oidc-provider/${host}` };
    const trust = doc(
      {
        Sid: "MainOnly",
        Effect: "Allow",
        Principal: { Federated: provider.arn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${host}:aud`]: "sts.amazonaws.com",
            [`${host}:sub`]: "repo:org/repo:environment:prod",
            [`${host}:ref`]: "refs/heads/main",
          },
        },
      },
      {
        Sid: "NoPullRequests",
        Effect: "Deny",
        Principal: "*",
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringLike: { [`${host}:sub`]: "*:pull_request" } },
      },
    );
    const token = (sub: string, ref: string) => ({
      action: "sts:AssumeRoleWithWebIdentity",
      resource: "arn:aws:iam::111111111111:role/ci",
      resourcePolicy: trust,
      context: { [`${host}:aud`]: "sts.amazonaws.com", [`${host}:sub`]: sub, [`${host}:ref`]: ref },
    });

    it("allows the token whose every claim matches, listing the claims it checked", async () => {
      const d = await simulate(
        provider,
        token("repo:org/repo:environment:prod", "refs/heads/main"),
      );
      assert.equal(d.result, "Allowed", explain(d));
      assert.ok(
        d.reasons.includes(
          `StringEquals ${host}:sub ["repo:org/repo:environment:prod"] on ["repo:org/repo:environment:prod"]: met`,
        ),
      );
    });

    it("denies a token from another ref (decided by the simulator on a key it knows)", async () => {
      const d = await simulate(
        provider,
        token("repo:org/repo:environment:prod", "refs/heads/feature"),
      );
      assert.equal(d.result, "ImplicitlyDenied");
    });

    it("denies a token whose subject differs (decided here on a key the simulator drops)", async () => {
      const d = await simulate(provider, token("repo:org/repo:environment:dev", "refs/heads/main"));
      assert.equal(d.result, "ImplicitlyDenied");
      assert.deepEqual(d.reasons, [
        `StringEquals ${host}:sub ["repo:org/repo:environment:prod"] on ["repo:org/repo:environment:dev"]: not met`,
      ]);
    });

    it("applies a deny on a dropped key", async () => {
      const d = await simulate(provider, token("repo:org/repo:pull_request", "refs/heads/main"));
      assert.equal(d.allowed, false);
    });
  });

  it("rejects an action AWS does not have instead of calling it denied", async () => {
    await assert.rejects(
      simulate(
        { arn: session, identityPolicies: identity },
        { action: "iam:CreateRoles", resource: "*" },
      ),
      /iam:CreateRoles on \*: the simulator rejected the input/,
    );
  });
});

describe("actionsOf", () => {
  it("lists a service's actions by access level from AWS's data", async () => {
    const writes = await actionsOf("ec2", WRITE_LEVELS);
    assert.ok(writes.includes("ec2:CreateTransitGatewayRoute"));
    assert.ok(writes.includes("ec2:CreateTags"));
    assert.ok(!writes.includes("ec2:DescribeVpcs"));
    assert.ok(await isWildcardOnly("ec2:DescribeVpcs"));
    assert.ok(!(await isWildcardOnly("iam:CreateRole")));
    await assert.rejects(actionsOf("ec3", WRITE_LEVELS), /"ec3" is not an IAM service prefix/);
  });
});
