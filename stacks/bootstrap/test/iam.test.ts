/**
 * The bootstrap's IAM, evaluated by an IAM policy simulator (@platform/iam-simulator over
 * @cloud-copilot/iam-simulate, AWS's action and condition data) on the documents the bootstrap
 * plans actually create: the deployer can create what the stacks' plans create; the escalations
 * are denied; preview and drift identities cannot write; CI trust admits only the intended jobs.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { actionsOf, explain, simulate, WRITE_LEVELS } from "@platform/iam-simulator";
import type {
  IamDecision,
  IamPrincipal,
  IamRequest,
  PolicyDocument,
} from "@platform/iam-simulator";
import { DEPLOY_SERVICES } from "@platform/identity";
import { runStackSource, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";

const stacks = path.resolve(__dirname, "..", "..");
const bootstrap = (stack: string) => runStackSource({ dir: path.join(stacks, "bootstrap"), stack });
const network = { dir: path.join(stacks, "network"), stack: "network" };
const planned = new Map<string, Promise<ProgramRun>>();
/** The stacks' own plans, once per process (runs are sequential: the runtime is global). */
function stackPlan(name: string): Promise<ProgramRun> {
  let run = planned.get(name);
  if (!run) {
    const previous = Promise.all(planned.values());
    run = previous.then(() =>
      name === "network"
        ? runStackSource(network)
        : runStackSource({ dir: path.join(stacks, name), stack: name, references: [network] }),
    );
    planned.set(name, run);
  }
  return run;
}

const ACCOUNTS = {
  tooling: "600000000006",
  network: "100000000001",
  dev: "200000000002",
  test: "300000000003",
  prod: "400000000004",
} as const;
const REGION = "eu-west-1";
const HOST = "token.actions.githubusercontent.com";
const REPO = "example-org/aws-platform";

/** The IAM the plan creates: managed policies by ARN, roles by name. */
function iamOf(run: ProgramRun) {
  const policies = new Map<string, PolicyDocument>();
  for (const p of resourcesOfType(run, "aws:iam/policy:Policy")) {
    policies.set(
      `arn:aws:iam::${accountOf(run)}:policy/${String(p.inputs["name"])}`,
      JSON.parse(String(p.inputs["policy"])) as PolicyDocument,
    );
  }
  const roles = new Map<
    string,
    { trust: PolicyDocument; policies: Record<string, PolicyDocument>; maxSession?: number }
  >();
  for (const r of resourcesOfType(run, "aws:iam/role:Role")) {
    roles.set(String(r.inputs["name"]), {
      trust: JSON.parse(String(r.inputs["assumeRolePolicy"])) as PolicyDocument,
      policies: {},
      maxSession: r.inputs["maxSessionDuration"] as number | undefined,
    });
  }
  for (const a of resourcesOfType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
    const arn = String(a.inputs["policyArn"]);
    const document = policies.get(arn);
    assert.ok(document, `attachment of ${arn}, which the plan does not create`);
    roles.get(String(a.inputs["role"]))!.policies[arn.split("/").pop()!] = document;
  }
  for (const p of resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy")) {
    roles.get(String(p.inputs["role"]))!.policies[String(p.inputs["name"])] = JSON.parse(
      String(p.inputs["policy"]),
    ) as PolicyDocument;
  }
  return { policies, roles };
}

function accountOf(run: ProgramRun): string {
  const account = run.outputs["accountId"];
  assert.equal(typeof account, "string");
  return account as string;
}

/** A session of a role the plan creates, with exactly the policies the plan attaches. */
function sessionOf(run: ProgramRun, role: string): IamPrincipal {
  const found = iamOf(run).roles.get(role);
  assert.ok(found, `the plan creates no role ${role}`);
  return {
    arn: `arn:aws:sts::${accountOf(run)}:assumed-role/${role}/pulumi`,
    identityPolicies: found.policies,
  };
}

function trustOf(run: ProgramRun, role: string): PolicyDocument {
  const found = iamOf(run).roles.get(role);
  assert.ok(found, `the plan creates no role ${role}`);
  return found.trust;
}

async function decide(principal: IamPrincipal, request: IamRequest): Promise<IamDecision> {
  return simulate(principal, request);
}

async function expectAllowed(principal: IamPrincipal, requests: IamRequest[]) {
  const refused: string[] = [];
  for (const r of requests) {
    const d = await decide(principal, r);
    if (!d.allowed) refused.push(explain(d));
  }
  assert.deepEqual(refused, [], `${principal.arn} is refused`);
}

async function expectDenied(
  principal: IamPrincipal,
  requests: IamRequest[],
  how?: "ExplicitlyDenied" | "ImplicitlyDenied",
) {
  const wrong: string[] = [];
  for (const r of requests) {
    const d = await decide(principal, r);
    if (d.allowed || (how && d.result !== how)) wrong.push(explain(d));
  }
  assert.deepEqual(wrong, [], `${principal.arn} is not denied as expected`);
}

const iamArn = (account: string, kind: string, name: string) =>
  `arn:aws:iam::${account}:${kind}/${name}`;

/** A trust policy admitting one session's role (a session ARN names its role). */
const trusting = (session: string): PolicyDocument => {
  const [, account, role] = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(session)!;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:role/${role}` },
        Action: "sts:AssumeRole",
      },
    ],
  };
};
const boundary = (account: string) => iamArn(account, "policy", "platform-workload-boundary");

describe("bootstrap IAM, simulated", function () {
  this.timeout(600_000);
  const plans: Record<string, ProgramRun> = {};
  before(async () => {
    for (const name of Object.keys(ACCOUNTS)) plans[name] = await bootstrap(name);
  });

  describe("the deployer can create every IAM shape the stacks' plans create", () => {
    for (const env of ["network", "dev", "test", "prod"] as const) {
      it(`${env}: roles, inline policies, attachments and the roles the services are passed`, async () => {
        const run = await stackPlan(env);
        const account = ACCOUNTS[env];
        const deployer = sessionOf(plans[env]!, "platform-deployer");
        const requests: IamRequest[] = [];
        const roles = resourcesOfType(run, "aws:iam/role:Role");
        assert.ok(roles.length > 0, "the plan creates no role");
        const nameOf = new Map<string, { name: string; boundary?: string }>();
        for (const role of roles) {
          // A role without a name input is auto-named by Pulumi: <logical name>-<random>.
          const name = String(role.inputs["name"] ?? `${role.name}-1a2b3c4`);
          const roleBoundary = role.inputs["permissionsBoundary"] as string | undefined;
          nameOf.set(role.urn, { name, boundary: roleBoundary });
          const context = {
            ...(roleBoundary ? { "iam:PermissionsBoundary": roleBoundary } : {}),
            "aws:TagKeys": ["Environment", "Tier", "Owner", "CostCentre", "ManagedBy"],
          };
          const resource = iamArn(account, "role", name);
          requests.push(
            { action: "iam:CreateRole", resource, context },
            { action: "iam:TagRole", resource, context },
            { action: "iam:PassRole", resource },
            { action: "iam:GetRole", resource },
            { action: "iam:DeleteRole", resource, context },
          );
        }
        const roleOf = (r: { propertyDependencies: Record<string, string[]> }) =>
          nameOf.get(r.propertyDependencies["role"]?.[0] ?? "");
        for (const p of resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy")) {
          const role = roleOf(p);
          assert.ok(role, `inline policy ${p.name} of a role the plan does not create`);
          requests.push({
            action: "iam:PutRolePolicy",
            resource: iamArn(account, "role", role.name),
            context: role.boundary ? { "iam:PermissionsBoundary": role.boundary } : {},
          });
        }
        for (const a of resourcesOfType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
          const role = roleOf(a);
          assert.ok(role, `attachment ${a.name} to a role the plan does not create`);
          requests.push({
            action: "iam:AttachRolePolicy",
            resource: iamArn(account, "role", role.name),
            context: {
              "iam:PolicyARN": String(a.inputs["policyArn"]),
              ...(role.boundary ? { "iam:PermissionsBoundary": role.boundary } : {}),
            },
          });
        }
        await expectAllowed(deployer, requests);
      });
    }

    it("the workload boundary admits every action the stacks' own role policies grant", async () => {
      const outside: string[] = [];
      for (const env of ["network", "dev", "test", "prod"] as const) {
        const boundaryDoc = iamOf(plans[env]!).policies.get(boundary(ACCOUNTS[env]));
        assert.ok(boundaryDoc, `no boundary in the ${env} bootstrap plan`);
        const ceiling: IamPrincipal = {
          arn: `arn:aws:sts::${ACCOUNTS[env]}:assumed-role/stack-any/s`,
          identityPolicies: { boundary: boundaryDoc },
        };
        const run = await stackPlan(env);
        for (const p of resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy")) {
          const statements = (JSON.parse(String(p.inputs["policy"])) as PolicyDocument)
            .Statement as Array<{ Effect: string; Action: string | string[] }>;
          for (const s of statements.filter((s) => s.Effect === "Allow")) {
            for (const action of [s.Action].flat()) {
              const d = await decide(ceiling, {
                action,
                resource: "*",
                resourceAccount: ACCOUNTS[env],
              });
              if (!d.allowed) outside.push(`${env} ${p.name}: ${explain(d)}`);
            }
          }
        }
      }
      assert.deepEqual(outside, [], "add the service to BOUNDARY_SERVICES or drop the action");
    });

    it("every service the plans deploy is in the deployer's services policy", async () => {
      const runs: ProgramRun[] = [];
      for (const env of ["network", "dev", "test", "prod"]) runs.push(await stackPlan(env));
      const services = new Set(
        runs.flatMap((run) =>
          run.resources
            .filter((r) => r.custom && r.type.startsWith("aws:"))
            .map((r) => serviceOf(r.type)),
        ),
      );
      services.delete("iam");
      assert.deepEqual(
        [...services].filter((s) => !(DEPLOY_SERVICES as readonly string[]).includes(s)).sort(),
        [],
        "add the service to DEPLOY_SERVICES (and the bootstrap stacks) or do not deploy it",
      );
    });
  });

  describe("escalations are denied to the deployer", () => {
    const a = ACCOUNTS.dev;
    const scoped = iamArn(a, "role", "stack-dev-new");
    let deployer: IamPrincipal;
    before(() => {
      deployer = sessionOf(plans["dev"]!, "platform-deployer");
    });

    it("creating a role without the workload boundary, or with another one", () =>
      expectDenied(
        deployer,
        [
          { action: "iam:CreateRole", resource: scoped },
          {
            action: "iam:CreateRole",
            resource: scoped,
            context: { "iam:PermissionsBoundary": iamArn(a, "policy", "stack-wide-open") },
          },
          {
            action: "iam:PutRolePermissionsBoundary",
            resource: scoped,
            context: { "iam:PermissionsBoundary": iamArn(a, "policy", "stack-wide-open") },
          },
          { action: "iam:DeleteRolePermissionsBoundary", resource: scoped },
        ],
        "ExplicitlyDenied",
      ));

    it("creating a role outside the scope, even with the boundary", () =>
      expectDenied(deployer, [
        {
          action: "iam:CreateRole",
          resource: iamArn(a, "role", "admin"),
          context: { "iam:PermissionsBoundary": boundary(a) },
        },
      ]));

    it("changing itself, its policies or the boundary", () =>
      expectDenied(
        deployer,
        [
          { action: "iam:PutRolePolicy", resource: iamArn(a, "role", "platform-deployer") },
          {
            action: "iam:AttachRolePolicy",
            resource: iamArn(a, "role", "platform-deployer"),
            context: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" },
          },
          {
            action: "iam:UpdateAssumeRolePolicy",
            resource: iamArn(a, "role", "platform-deployer"),
          },
          { action: "iam:DetachRolePolicy", resource: iamArn(a, "role", "platform-deployer") },
          {
            action: "iam:CreatePolicyVersion",
            resource: iamArn(a, "policy", "platform-deployer-iam"),
          },
          {
            action: "iam:CreatePolicyVersion",
            resource: iamArn(a, "policy", "platform-deployer-guardrails"),
          },
          {
            action: "iam:DeletePolicy",
            resource: iamArn(a, "policy", "platform-deployer-guardrails"),
          },
          { action: "iam:CreatePolicyVersion", resource: boundary(a) },
          { action: "iam:SetDefaultPolicyVersion", resource: boundary(a) },
          { action: "iam:DeletePolicy", resource: boundary(a) },
        ],
        "ExplicitlyDenied",
      ));

    it("changing the other platform roles: the previewer's trust, the drift role, the admin role", () =>
      expectDenied(
        deployer,
        [
          {
            action: "iam:UpdateAssumeRolePolicy",
            resource: iamArn(a, "role", "platform-previewer"),
          },
          { action: "iam:AttachRolePolicy", resource: iamArn(a, "role", "platform-drift") },
          { action: "iam:PutRolePolicy", resource: iamArn(a, "role", "platform-admin") },
          { action: "iam:DeleteRole", resource: iamArn(a, "role", "platform-previewer") },
        ],
        "ExplicitlyDenied",
      ));

    it("passing roles outside its scope", async () => {
      await expectDenied(
        deployer,
        [
          { action: "iam:PassRole", resource: iamArn(a, "role", "platform-deployer") },
          { action: "iam:PassRole", resource: iamArn(a, "role", "platform-admin") },
        ],
        "ExplicitlyDenied",
      );
      await expectDenied(deployer, [
        { action: "iam:PassRole", resource: iamArn(a, "role", "OrganizationAccountAccessRole") },
        { action: "iam:PassRole", resource: iamArn(ACCOUNTS.prod, "role", "stack-prod-cluster") },
      ]);
    });

    it("attaching AdministratorAccess (or IAM/power-user access) to a new role", () =>
      expectDenied(
        deployer,
        ["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"].map((p) => ({
          action: "iam:AttachRolePolicy",
          resource: scoped,
          context: {
            "iam:PolicyARN": `arn:aws:iam::aws:policy/${p}`,
            "iam:PermissionsBoundary": boundary(a),
          },
        })),
        "ExplicitlyDenied",
      ));

    it("long-lived credentials", () =>
      expectDenied(
        deployer,
        [
          { action: "iam:CreateUser", resource: iamArn(a, "user", "ci") },
          { action: "iam:CreateAccessKey", resource: iamArn(a, "user", "ci") },
        ],
        "ExplicitlyDenied",
      ));

    it("what a role it creates may do is capped by the boundary: no IAM, no platform roles", async () => {
      const workload: IamPrincipal = {
        arn: `arn:aws:sts::${a}:assumed-role/stack-dev-new/s`,
        identityPolicies: {
          admin: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
          },
        },
        permissionsBoundary: iamOf(plans["dev"]!).policies.get(boundary(a)),
      };
      await expectDenied(workload, [
        { action: "iam:CreateRole", resource: iamArn(a, "role", "stack-x") },
        { action: "iam:AttachRolePolicy", resource: iamArn(a, "role", "stack-dev-new") },
        { action: "iam:PassRole", resource: iamArn(a, "role", "stack-dev-cluster") },
        { action: "sts:AssumeRole", resource: iamArn(a, "role", "platform-deployer") },
        { action: "organizations:LeaveOrganization", resource: "*" },
        // STS only towards the network account's workload roles (Grafana's metrics read role),
        // even where the other account's trust would admit it.
        ...[
          iamArn(ACCOUNTS.test, "role", "stack-test-any"),
          iamArn(ACCOUNTS.network, "role", "platform-deployer"),
        ].map((resource) => ({
          action: "sts:AssumeRole",
          resource,
          resourcePolicy: trusting(workload.arn),
        })),
        { action: "sts:GetFederationToken", resource: `arn:aws:sts::${a}:federated-user/x` },
      ]);
      await expectAllowed(workload, [
        {
          action: "sts:AssumeRole",
          resource: iamArn(ACCOUNTS.network, "role", "stack-network-metrics-read"),
          resourcePolicy: trusting(workload.arn),
        },
      ]);
      await expectAllowed(workload, [
        { action: "s3:PutObject", resource: "arn:aws:s3:::dev-200000000002-velero/backups/x" },
        {
          action: "ec2:CreateSnapshot",
          resource: `arn:aws:ec2:${REGION}:${a}:volume/vol-0123456789abcdef0`,
        },
      ]);
    });
  });

  describe("preview and drift identities cannot write", () => {
    const readOnly = ["platform-previewer", "platform-drift"];

    it("every write, permissions or tagging action of IAM and every deployed service is refused", async () => {
      const actions = (
        await Promise.all(["iam", ...DEPLOY_SERVICES].map((s) => actionsOf(s, WRITE_LEVELS)))
      ).flat();
      assert.ok(actions.length > 1000, `only ${actions.length} write actions in AWS's data`);
      for (const [account, run] of Object.entries(plans)) {
        for (const role of readOnly) {
          const session = sessionOf(run, role);
          const allowed: string[] = [];
          for (const action of actions) {
            const d = await decide(session, {
              action,
              resource: "*",
              resourceAccount: ACCOUNTS[account as keyof typeof ACCOUNTS],
            });
            if (d.allowed) allowed.push(action);
          }
          assert.deepEqual(allowed, [], `${role} in ${account} may write`);
        }
      }
    });

    it("the hub's spoke operations are refused to the read-only roles in the network account", async () => {
      const n = ACCOUNTS.network;
      const attachment = `arn:aws:ec2:${REGION}:${n}:transit-gateway-attachment/tgw-attach-0123456789abcdef0`;
      const table = `arn:aws:ec2:${REGION}:${n}:transit-gateway-route-table/tgw-rtb-0123456789abcdef0`;
      const onAttachment = [
        "ec2:AcceptTransitGatewayVpcAttachment",
        "ec2:DeleteTransitGatewayVpcAttachment",
        "ec2:CreateTags",
      ];
      const onRouteTable = [
        "ec2:AssociateTransitGatewayRouteTable",
        "ec2:DisassociateTransitGatewayRouteTable",
        "ec2:EnableTransitGatewayRouteTablePropagation",
        "ec2:DisableTransitGatewayRouteTablePropagation",
        "ec2:CreateTransitGatewayRoute",
        "ec2:DeleteTransitGatewayRoute",
        "ec2:ReplaceTransitGatewayRoute",
      ];
      const spokeOps = [
        ...onAttachment.map((action) => ({ action, resource: attachment })),
        ...onRouteTable.map((action) => ({ action, resource: table })),
      ];
      for (const role of [...readOnly, "platform-network-spoke-readonly"]) {
        await expectDenied(sessionOf(plans["network"]!, role), spokeOps);
      }
      // The spoke role itself may do them (an environment's `up` needs them).
      await expectAllowed(sessionOf(plans["network"]!, "platform-network-spoke"), [
        { action: "ec2:AcceptTransitGatewayVpcAttachment", resource: attachment },
        { action: "ec2:AssociateTransitGatewayRouteTable", resource: table },
        { action: "ec2:CreateTransitGatewayRoute", resource: table },
      ]);
      await expectAllowed(sessionOf(plans["network"]!, "platform-network-spoke-readonly"), [
        { action: "ec2:DescribeTransitGatewayAttachments", resource: "*" },
        { action: "ec2:GetTransitGatewayRouteTableAssociations", resource: "*" },
        { action: "ec2:SearchTransitGatewayRoutes", resource: table },
      ]);
    });

    it("data is not readable (backups, logs, parameters, images), configuration is", async () => {
      const session = sessionOf(plans["prod"]!, "platform-previewer");
      await expectDenied(
        session,
        [
          { action: "s3:GetObject", resource: "arn:aws:s3:::prod-400000000004-velero/backups/x" },
          {
            action: "logs:GetLogEvents",
            resource: `arn:aws:logs:${REGION}:${ACCOUNTS.prod}:log-group:/aws/eks/prod/cluster:log-stream:x`,
          },
          {
            action: "ssm:GetParameter",
            resource: `arn:aws:ssm:${REGION}:${ACCOUNTS.prod}:parameter/x`,
          },
        ],
        "ExplicitlyDenied",
      );
      await expectAllowed(session, [
        { action: "ec2:DescribeVpcs", resource: "*" },
        {
          action: "eks:DescribeCluster",
          resource: `arn:aws:eks:${REGION}:${ACCOUNTS.prod}:cluster/prod`,
        },
        { action: "iam:GetRole", resource: iamArn(ACCOUNTS.prod, "role", "stack-prod-cluster") },
        { action: "s3:GetBucketPolicy", resource: "arn:aws:s3:::prod-400000000004-velero" },
        {
          action: "kms:GetKeyPolicy",
          resource: `arn:aws:kms:${REGION}:${ACCOUNTS.prod}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
          // KMS needs the key policy to delegate to IAM, as the platform's keys do.
          resourcePolicy: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${ACCOUNTS.prod}:root` },
                Action: "kms:*",
                Resource: "*",
              },
            ],
          },
        },
      ]);
    });
  });

  describe("trust", () => {
    const token = (sub: string, ref: string, env?: string) => ({
      [`${HOST}:aud`]: "sts.amazonaws.com",
      [`${HOST}:sub`]: sub,
      [`${HOST}:ref`]: ref,
      ...(env ? { [`${HOST}:environment`]: env } : {}),
    });
    const provider = { arn: `arn:aws:iam::${ACCOUNTS.tooling}:oidc-provider/${HOST}` };
    const assumeWithToken = (role: string, context: Record<string, string>): IamRequest => ({
      action: "sts:AssumeRoleWithWebIdentity",
      resource: iamArn(ACCOUNTS.tooling, "role", role),
      resourcePolicy: trustOf(plans["tooling"]!, role),
      context,
    });
    const main = "refs/heads/main";

    it("deploy roles: only their GitHub environment's jobs on main; dispatch from other refs refused", async () => {
      await expectAllowed(provider, [
        assumeWithToken("platform-ci-prod", token(`repo:${REPO}:environment:prod`, main, "prod")),
        assumeWithToken("platform-ci-dev", token(`repo:${REPO}:environment:dev`, main, "dev")),
      ]);
      await expectDenied(provider, [
        // workflow_dispatch of a feature branch that names the prod environment
        assumeWithToken(
          "platform-ci-prod",
          token(`repo:${REPO}:environment:prod`, "refs/heads/feature", "prod"),
        ),
        assumeWithToken("platform-ci-prod", token(`repo:${REPO}:environment:dev`, main, "dev")),
        assumeWithToken(
          "platform-ci-prod",
          token(`repo:${REPO}:pull_request`, "refs/pull/7/merge"),
        ),
        assumeWithToken("platform-ci-prod", token(`repo:${REPO}:ref:${main}`, main)),
        assumeWithToken(
          "platform-ci-prod",
          token(`repo:other/fork:environment:prod`, main, "prod"),
        ),
      ]);
    });

    it("the preview role: pull requests; the drift role: main without an environment", async () => {
      await expectAllowed(provider, [
        assumeWithToken(
          "platform-ci-preview",
          token(`repo:${REPO}:pull_request`, "refs/pull/7/merge"),
        ),
        assumeWithToken("platform-ci-drift", token(`repo:${REPO}:ref:${main}`, main)),
      ]);
      await expectDenied(provider, [
        assumeWithToken(
          "platform-ci-preview",
          token(`repo:${REPO}:environment:prod`, main, "prod"),
        ),
        assumeWithToken(
          "platform-ci-drift",
          token(`repo:${REPO}:ref:refs/heads/feature`, "refs/heads/feature"),
        ),
        assumeWithToken(
          "platform-ci-drift",
          token(`repo:${REPO}:pull_request`, "refs/pull/7/merge"),
        ),
      ]);
    });

    const ci = (role: string) => sessionOf(plans["tooling"]!, role);
    const assume = (account: keyof typeof ACCOUNTS, role: string): IamRequest => ({
      action: "sts:AssumeRole",
      resource: iamArn(ACCOUNTS[account], "role", role),
      resourcePolicy: trustOf(plans[account]!, role),
    });

    it("a deploy CI role reaches its own account's deployer and the spoke role, nothing else", async () => {
      await expectAllowed(ci("platform-ci-dev"), [
        assume("dev", "platform-deployer"),
        assume("network", "platform-network-spoke"),
      ]);
      await expectAllowed(ci("platform-ci-network"), [assume("network", "platform-deployer")]);
      await expectDenied(ci("platform-ci-dev"), [
        assume("prod", "platform-deployer"),
        assume("network", "platform-deployer"),
        assume("dev", "platform-previewer"),
      ]);
      await expectDenied(ci("platform-ci-network"), [assume("network", "platform-network-spoke")]);
    });

    it("preview and drift CI roles reach only read-only roles; the drift role can no longer assume a deployer", async () => {
      for (const account of Object.keys(ACCOUNTS) as Array<keyof typeof ACCOUNTS>) {
        await expectAllowed(ci("platform-ci-preview"), [assume(account, "platform-previewer")]);
        await expectAllowed(ci("platform-ci-drift"), [assume(account, "platform-drift")]);
      }
      for (const role of ["platform-ci-preview", "platform-ci-drift"]) {
        await expectAllowed(ci(role), [assume("network", "platform-network-spoke-readonly")]);
        await expectDenied(ci(role), [
          ...(["network", "dev", "test", "prod"] as const).map((a) =>
            assume(a, "platform-deployer"),
          ),
          assume("network", "platform-network-spoke"),
        ]);
      }
    });
  });

  describe("state and secrets", () => {
    const bucket = "arn:aws:s3:::example-org-pulumi-state";
    const ci = (role: string) => sessionOf(plans["tooling"]!, role);
    /** The two keys, as the plan wires them into the CI roles' policies (by statement). */
    const keys = () => {
      const policy = iamOf(plans["tooling"]!).roles.get("platform-ci-dev")!.policies[
        "permissions"
      ]!;
      const statements = policy.Statement as Array<{ Sid: string; Resource: string }>;
      const of = (sid: string) => statements.find((s) => s.Sid === sid)!.Resource;
      const arns = resourcesOfType(plans["tooling"]!, "aws:kms/key:Key").length;
      assert.equal(arns, 2, "the tooling plan creates a state key and a secrets key");
      return [of("StateKeyThroughS3"), of("StackSecrets")];
    };

    it("a deploy CI role writes only its own project's state and reads the hub's", async () => {
      const dev = ci("platform-ci-dev");
      await expectAllowed(dev, [
        { action: "s3:PutObject", resource: `${bucket}/.pulumi/stacks/platform-dev/dev.json` },
        {
          action: "s3:PutObject",
          resource: `${bucket}/.pulumi/locks/organization/platform-dev/dev/1.json`,
        },
        {
          action: "s3:DeleteObject",
          resource: `${bucket}/.pulumi/locks/organization/platform-dev/dev/1.json`,
        },
        {
          action: "s3:GetObject",
          resource: `${bucket}/.pulumi/stacks/platform-network/network.json`,
        },
        { action: "s3:ListBucket", resource: bucket },
      ]);
      await expectDenied(dev, [
        { action: "s3:PutObject", resource: `${bucket}/.pulumi/stacks/platform-prod/prod.json` },
        {
          action: "s3:PutObject",
          resource: `${bucket}/.pulumi/stacks/platform-bootstrap/dev.json`,
        },
        {
          action: "s3:DeleteObjectVersion",
          resource: `${bucket}/.pulumi/stacks/platform-dev/dev.json`,
        },
        { action: "s3:PutBucketPolicy", resource: bucket },
      ]);
    });

    it("preview and drift CI roles only read state", async () => {
      for (const role of ["platform-ci-preview", "platform-ci-drift"]) {
        await expectAllowed(ci(role), [
          { action: "s3:GetObject", resource: `${bucket}/.pulumi/stacks/platform-prod/prod.json` },
        ]);
        await expectDenied(ci(role), [
          { action: "s3:PutObject", resource: `${bucket}/.pulumi/stacks/platform-prod/prod.json` },
          {
            action: "s3:DeleteObject",
            resource: `${bucket}/.pulumi/locks/organization/platform-prod/prod/1.json`,
          },
        ]);
      }
    });

    it("the state key is usable only through S3; secrets: deploy roles encrypt, the others only decrypt", async () => {
      const [stateKey, secretsKey] = keys();
      assert.notEqual(stateKey, secretsKey);
      const viaS3 = { "kms:ViaService": `s3.${REGION}.amazonaws.com` };
      // Both keys' own policies, as planned: KMS evaluates them together with the IAM policies.
      const policies = resourcesOfType(plans["tooling"]!, "aws:kms/key:Key").map(
        (k) => JSON.parse(String(k.inputs["policy"])) as PolicyDocument,
      );
      assert.deepEqual(policies[0], policies[1]);
      const kms = (action: string, resource: string, context = {}): IamRequest => ({
        action,
        resource,
        context,
        resourcePolicy: policies[0],
      });
      await expectAllowed(ci("platform-ci-dev"), [
        kms("kms:GenerateDataKey", stateKey!, viaS3),
        kms("kms:Decrypt", stateKey!, viaS3),
        kms("kms:Encrypt", secretsKey!),
        kms("kms:Decrypt", secretsKey!),
      ]);
      await expectDenied(ci("platform-ci-dev"), [
        kms("kms:Decrypt", stateKey!),
        kms("kms:ScheduleKeyDeletion", secretsKey!),
      ]);
      await expectAllowed(ci("platform-ci-preview"), [
        kms("kms:Decrypt", secretsKey!),
        kms("kms:Decrypt", stateKey!, viaS3),
      ]);
      await expectDenied(ci("platform-ci-preview"), [
        kms("kms:Encrypt", secretsKey!),
        kms("kms:GenerateDataKey", stateKey!, viaS3),
      ]);
    });

    it("CI sessions last the longest up: 4 h, configurable, within AWS's 1-12 h", () => {
      for (const [name, role] of iamOf(plans["tooling"]!).roles) {
        if (name.startsWith("platform-ci-")) assert.equal(role.maxSession, 14400, name);
      }
    });
  });
});

/** IAM service prefix of a Pulumi AWS resource type. */
function serviceOf(type: string): string {
  const [, module = ""] = type.split(":");
  const mod = module.split("/")[0]!;
  if (mod === "cloudwatch") {
    if (/^(logGroup|logStream|logSubscriptionFilter|logResourcePolicy)/.test(module.split("/")[1]!))
      return "logs";
    if (/^event/.test(module.split("/")[1]!)) return "events";
    return "cloudwatch";
  }
  const aliases: Record<string, string> = {
    ec2transitgateway: "ec2",
    vpc: "ec2",
    codestarnotifications: "codestar-notifications",
    codestarconnections: "codestar-connections",
  };
  return aliases[mod] ?? mod;
}
