import * as assert from "node:assert/strict";
import type { PlanResource, StackPlan } from "../src";
import { ACTIONS } from "../src/permissions/actions";
import { iamDeployPermissions } from "../src/permissions/deploy";
import { check, messages, provider as baseProvider, res } from "./fixtures";

const ACCOUNT = "200000000002";
const provider: PlanResource = {
  ...baseProvider,
  inputs: {
    ...baseProvider.inputs,
    assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${ACCOUNT}:role/platform-deployer` }]),
  },
};
const doc = (statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A bootstrap plan: deployer and previewer roles with attached managed policies. */
function bootstrap(deployer: object[], previewer: object[]): StackPlan {
  const p = { ...baseProvider, urn: "urn:pulumi:dev::bootstrap::pulumi:providers:aws::acct" };
  const role = (name: string) => ({ ...res("aws:iam/role:Role", name, { name }), provider: p.urn });
  const policy = (name: string, statements: object[]) => ({
    ...res("aws:iam/policy:Policy", name, { name, policy: doc(statements) }),
    provider: p.urn,
  });
  const attach = (r: PlanResource, pol: PlanResource) => ({
    ...res(
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      `${r.name}-${pol.name}`,
      {},
      { refs: { role: [r], policyArn: [pol] } },
    ),
    provider: p.urn,
  });
  const d = role("platform-deployer");
  const v = role("platform-previewer");
  const dp = policy("platform-deployer-services", deployer);
  const vp = policy("platform-previewer-read", previewer);
  return {
    project: "bootstrap",
    stack: "dev",
    resources: [p, d, v, dp, vp, attach(d, dp), attach(v, vp)],
  };
}

const readAll = [{ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }];

describe("iam-deploy-permissions", () => {
  const role = {
    ...res("aws:iam/role:Role", "dev-cluster", { assumeRolePolicy: "{}" }),
    provider: provider.urn,
  };
  const cluster = {
    ...res("aws:eks/cluster:Cluster", "c", {
      name: "dev",
      roleArn: `arn:aws:iam::${ACCOUNT}:role/dev-cluster-1234567`,
    }),
    provider: provider.urn,
  };

  it("denies creating an auto-named role outside the deployer's platform-* scope, and passing it to EKS", async () => {
    const plan = bootstrap(
      [
        {
          Effect: "Allow",
          Action: ["iam:CreateRole", "iam:TagRole", "iam:PassRole"],
          Resource: `arn:aws:iam::${ACCOUNT}:role/platform-*`,
        },
        { Effect: "Allow", Action: ["eks:CreateCluster", "eks:TagResource"], Resource: "*" },
      ],
      readAll,
    );
    const findings = await check(
      iamDeployPermissions,
      [role, cluster],
      { otherPlans: [plan] },
      provider,
    );
    const found = messages(findings.filter((f) => f.rule === "iam-deploy-permissions"));
    assert.equal(found.length, 3);
    assert.match(
      found[0]!,
      /^error: arn:aws:iam::200000000002:role\/platform-deployer cannot create this Role: iam:CreateRole on arn:aws:iam::200000000002:role\/dev-cluster-0000000: .*iam:TagRole/,
    );
    assert.match(
      found[1]!,
      /^error: .*cannot create this Cluster: iam:PassRole on arn:aws:iam::200000000002:role\/dev-cluster-1234567 \(iam:PassedToService=eks\.amazonaws\.com\)/,
    );
    assert.match(
      found[2]!,
      /^error: arn:aws:iam::200000000002:role\/platform-previewer cannot read this Cluster for preview --refresh: eks:DescribeCluster$/,
    );
  });

  it("allows what the deployer's policies cover, and the previewer's reads", async () => {
    const plan = bootstrap(
      [
        {
          Effect: "Allow",
          Action: ["iam:CreateRole", "iam:TagRole"],
          Resource: `arn:aws:iam::${ACCOUNT}:role/dev-*`,
        },
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: `arn:aws:iam::${ACCOUNT}:role/dev-*`,
          Condition: { StringEquals: { "iam:PassedToService": "eks.amazonaws.com" } },
        },
        { Effect: "Allow", Action: ["eks:CreateCluster", "eks:TagResource"], Resource: "*" },
      ],
      [...readAll, { Effect: "Allow", Action: "eks:DescribeCluster", Resource: "*" }],
    );
    assert.deepEqual(
      await check(iamDeployPermissions, [role, cluster], { otherPlans: [plan] }, provider),
      [],
    );
  });

  it("carries the role's permissions boundary into CreateRole and PutRolePolicy, as IAM does", async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/platform-workload-boundary`;
    const scoped = {
      ...res("aws:iam/role:Role", "flow-logs", {
        name: "stack-flow-logs",
        assumeRolePolicy: "{}",
        permissionsBoundary: boundary,
      }),
      provider: provider.urn,
    };
    const inline = {
      ...res("aws:iam/rolePolicy:RolePolicy", "flow-logs-write", {
        role: "stack-flow-logs",
        policy: "{}",
      }),
      provider: provider.urn,
    };
    const plan = bootstrap(
      [
        {
          Effect: "Allow",
          Action: ["iam:CreateRole", "iam:TagRole", "iam:PutRolePolicy"],
          Resource: `arn:aws:iam::${ACCOUNT}:role/stack-*`,
          Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
        },
        {
          Effect: "Deny",
          Action: "iam:CreateRole",
          Resource: "*",
          Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
        },
      ],
      readAll,
    );
    assert.deepEqual(
      await check(iamDeployPermissions, [scoped, inline], { otherPlans: [plan] }, provider),
      [],
    );
    // Without the boundary the same calls are refused, by the deny and by the allow's condition.
    const bare = { ...scoped, inputs: { ...scoped.inputs, permissionsBoundary: undefined } };
    const found = messages(
      await check(iamDeployPermissions, [bare, inline], { otherPlans: [plan] }, provider),
    );
    assert.equal(found.length, 2);
    assert.match(found[0]!, /cannot create this Role: iam:CreateRole .*denied by/);
    assert.match(found[1]!, /cannot create this RolePolicy: iam:PutRolePolicy/);
  });

  it("warns when no plan holds the deployer, and for a type missing from the actions table", async () => {
    const odd = { ...res("aws:wafv2/webAcl:WebAcl", "p", {}), provider: provider.urn };
    const findings = await check(iamDeployPermissions, [role, odd], {}, provider);
    assert.deepEqual(messages(findings), [
      "warning: aws:wafv2/webAcl:WebAcl has no entry in preflight's actions table (src/permissions/actions/, one module per service family): the permissions creating it are not checked; add its actions with their source",
      "warning: deploy permissions not evaluated for 1 resources: arn:aws:iam::200000000002:role/platform-deployer and arn:aws:iam::200000000002:role/platform-previewer are in no plan preflight sees (the platform's roles come from the bootstrap stack's plan; a role made outside it, such as an administrator's, cannot be evaluated)",
    ]);
  });

  it("every entry of the actions table cites its Service Authorization Reference page", () => {
    for (const [type, a] of Object.entries(ACTIONS)) {
      assert.match(a.source, /https:\/\/docs\.aws\.amazon\.com\/service-authorization\//, type);
      assert.ok(a.create.length > 0 && a.read.length > 0, type);
    }
  });
});

describe("iam-deploy-permissions: KMS keys", () => {
  const keyReader = [
    { Effect: "Allow", Action: ["kms:Describe*", "kms:Get*", "kms:List*"], Resource: "*" },
    ...readAll,
  ];
  const key = (policy?: object[]) => ({
    ...res("aws:kms/key:Key", "k", policy ? { policy: doc(policy) } : {}),
    provider: provider.urn,
  });
  const previewerFindings = async (k: PlanResource) =>
    messages(
      (
        await check(
          iamDeployPermissions,
          [k],
          {
            otherPlans: [
              bootstrap([{ Effect: "Allow", Action: "kms:*", Resource: "*" }], keyReader),
            ],
          },
          provider,
        )
      ).filter((f) => f.rule === "iam-deploy-permissions" && /cannot read/.test(f.message)),
    );

  it("evaluates reads of a key with its key policy: the default one delegates to IAM", async () => {
    assert.deepEqual(await previewerFindings(key()), []);
    assert.deepEqual(
      await previewerFindings(
        key([
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
          },
        ]),
      ),
      [],
    );
  });

  it("finds a key policy that grants the account nothing", async () => {
    const found = await previewerFindings(
      key([
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` },
          Action: "kms:*",
          Resource: "*",
        },
      ]),
    );
    assert.equal(found.length, 1);
    assert.match(
      found[0]!,
      /platform-previewer cannot read this Key for preview --refresh: kms:DescribeKey/,
    );
  });
});
