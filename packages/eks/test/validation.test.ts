import * as assert from "node:assert/strict";
import { clusterArgProblems, nodeGroupProblems, publicAccessProblems } from "../src";
import type { NodeGroupSpec } from "../src";

const group: NodeGroupSpec = {
  name: "general",
  instanceTypes: ["m6i.large"],
  minSize: 2,
  maxSize: 4,
  desiredSize: 2,
};
const lines = (groups: NodeGroupSpec[]) =>
  nodeGroupProblems(groups).map(
    (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
  );

describe("node group settings", () => {
  it("accepts labels and taints Kubernetes accepts", () =>
    assert.deepEqual(
      lines([
        {
          ...group,
          diskSizeGiB: 16384,
          maxUnavailable: 100,
          labels: { "platform.example.com/role": "etcd", tier: "" },
          taints: [
            { key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" },
            { key: "dedicated", value: "etcd", effect: "NO_EXECUTE" },
          ],
        },
      ]),
      [],
    ));

  it("rejects a disk larger than a gp3 volume and more unavailable nodes than EKS replaces at once", () =>
    assert.deepEqual(lines([{ ...group, diskSizeGiB: 20000, maxUnavailable: 101 }]), [
      "0.diskSizeGiB = 20000: exceeds 16384 GiB, the largest gp3 volume",
      "0.maxUnavailable = 101: exceeds 100, the most EKS replaces at once",
    ]));

  it("rejects label keys and values Kubernetes rejects", () =>
    assert.deepEqual(lines([{ ...group, labels: { "role!": "x", ok: "-bad" } }]), [
      '0.labels.role! = "role!": is not a Kubernetes label key: an optional DNS prefix and /, then at most 63 letters, digits, - _ . starting and ending with a letter or digit',
      '0.labels.ok = "-bad": is not a Kubernetes label value: at most 63 letters, digits, - _ . starting and ending with a letter or digit',
    ]));

  it("rejects bad taint keys and values and a repeated key and effect", () =>
    assert.deepEqual(
      lines([
        {
          ...group,
          taints: [
            { key: "Example.com/x", value: "v".repeat(64), effect: "NO_SCHEDULE" },
            { key: "Example.com/x", effect: "NO_SCHEDULE" },
          ],
        },
      ]),
      [
        '0.taints.0.key = "Example.com/x": is not a Kubernetes label key: an optional DNS prefix and /, then at most 63 letters, digits, - _ . starting and ending with a letter or digit',
        `0.taints.0.value = "${"v".repeat(64)}": is not a Kubernetes label value: at most 63 letters, digits, - _ . starting and ending with a letter or digit`,
        '0.taints.1.key = "Example.com/x": is not a Kubernetes label key: an optional DNS prefix and /, then at most 63 letters, digits, - _ . starting and ending with a letter or digit',
        '0.taints.1 = {"key":"Example.com/x","effect":"NO_SCHEDULE"}: repeats the key and effect of another taint; Kubernetes allows one taint per key and effect',
      ],
    ));
});

describe("publicAccessProblems", () => {
  it("accepts an allowlist of admin networks", () =>
    assert.deepEqual(publicAccessProblems(["203.0.113.0/24", "198.51.100.7/32"]), []));

  it("rejects the whole internet and a repeated CIDR", () =>
    assert.deepEqual(
      publicAccessProblems(["0.0.0.0/0", "203.0.113.0/24", "203.0.113.0/24"]).map(
        (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
      ),
      [
        '0 = "0.0.0.0/0": opens the API server endpoint to the whole internet; allowlist the admin networks',
        '2 = "203.0.113.0/24": is listed twice',
      ],
    ));
});

describe("clusterArgProblems", () => {
  const roles = {
    deploy: "arn:aws:iam::111122223333:role/platform-deployer",
    preview: "arn:aws:iam::111122223333:role/platform-previewer",
    drift: "arn:aws:iam::111122223333:role/platform-drift",
  };
  const args = {
    pulumiRoleArns: roles,
    kubeconfigRoleArn: roles.preview,
    adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin",
  };

  it("accepts a private cluster whose kubeconfig role has an access entry", () => {
    assert.deepEqual(clusterArgProblems({ ...args, protect: true }), []);
    assert.deepEqual(clusterArgProblems({ ...args, publicAccessCidrs: ["203.0.113.0/24"] }), []);
  });

  it("rejects a public prod endpoint, a bad allowlist, a kubeconfig role without entry and an admin pulumi runs as", () =>
    assert.deepEqual(
      clusterArgProblems({
        protect: true,
        publicAccessCidrs: ["0.0.0.0/0"],
        pulumiRoleArns: roles,
        kubeconfigRoleArn: "arn:aws:iam::111122223333:role/ci",
        adminRoleArn: roles.deploy,
      }).map((p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`),
      [
        'publicAccessCidrs = ["0.0.0.0/0"]: a protected (prod) cluster has a private endpoint only; remove publicAccessCidrs',
        'publicAccessCidrs.0 = "0.0.0.0/0": opens the API server endpoint to the whole internet; allowlist the admin networks',
        `kubeconfigRoleArn = "arn:aws:iam::111122223333:role/ci": has no access entry, so the kubeconfig could not log in; use one of pulumiRoleArns: ${roles.deploy}, ${roles.preview}, ${roles.drift}`,
        `adminRoleArn = "${roles.deploy}": is also a role pulumi acts as; a principal has one access entry: use a separate administrators' role`,
      ],
    ));
});
