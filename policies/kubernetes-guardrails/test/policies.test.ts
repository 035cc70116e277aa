import * as assert from "node:assert/strict";
import { evaluatePack } from "@platform/policy-runner";
import type { CapturedResource } from "@platform/policy-runner";
import { PACK } from "../src/policies";

const restricted = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};
const resources = {
  requests: { cpu: "100m", memory: "128Mi" },
  limits: { cpu: "500m", memory: "256Mi" },
};
const good = {
  name: "etcd",
  image: "quay.io/coreos/etcd:v3.5.17",
  securityContext: restricted,
  resources,
};

function workload(
  type: string,
  container: Record<string, unknown>,
  podExtra: Record<string, unknown> = {},
): CapturedResource {
  const pod = { containers: [container], ...podExtra };
  const spec =
    type === "kubernetes:batch/v1:CronJob"
      ? { jobTemplate: { spec: { template: { spec: pod } } } }
      : { template: { spec: pod } };
  return {
    urn: `urn:pulumi:dev::p::${type}::w`,
    type,
    name: "w",
    inputs: { spec },
    dependencies: [],
  };
}

async function messages(policy: string, r: CapturedResource): Promise<string[]> {
  return (await evaluatePack(PACK, [r], { all: "disabled", [policy]: "mandatory" })).map(
    (f) => f.message,
  );
}

describe("kubernetes policies", () => {
  it("k8s-pod-security-restricted passes a restricted StatefulSet and names each gap", async () => {
    assert.deepEqual(
      await messages(
        "k8s-pod-security-restricted",
        workload("kubernetes:apps/v1:StatefulSet", good),
      ),
      [],
    );
    assert.deepEqual(
      await messages(
        "k8s-pod-security-restricted",
        workload(
          "kubernetes:apps/v1:Deployment",
          { name: "app", securityContext: { privileged: true } },
          { volumes: [{ name: "host", hostPath: { path: "/" } }] },
        ),
      ),
      [
        "container app: runAsNonRoot is not true",
        "container app: allowPrivilegeEscalation is not false",
        "container app: capabilities do not drop ALL",
        "container app: seccomp profile is not RuntimeDefault",
        "container app: runs privileged",
        "volume host mounts a hostPath",
      ],
    );
  });

  it("k8s-image-pinned reads CronJob templates too", async () => {
    assert.deepEqual(
      await messages("k8s-image-pinned", workload("kubernetes:batch/v1:CronJob", good)),
      [],
    );
    assert.deepEqual(
      await messages(
        "k8s-image-pinned",
        workload("kubernetes:batch/v1:CronJob", { ...good, image: "amazon/aws-cli:latest" }),
      ),
      ["container etcd: image amazon/aws-cli:latest uses the latest tag"],
    );
    assert.deepEqual(
      await messages(
        "k8s-image-pinned",
        workload("kubernetes:apps/v1:Deployment", { ...good, image: "registry:5000/app" }),
      ),
      ["container etcd: image registry:5000/app has no tag or digest"],
    );
    assert.deepEqual(
      await messages(
        "k8s-image-pinned",
        workload("kubernetes:apps/v1:Deployment", { ...good, image: "app@sha256:abc" }),
      ),
      [],
    );
  });

  it("k8s-resource-limits", async () => {
    assert.deepEqual(
      await messages("k8s-resource-limits", workload("kubernetes:apps/v1:DaemonSet", good)),
      [],
    );
    assert.deepEqual(
      await messages(
        "k8s-resource-limits",
        workload("kubernetes:apps/v1:DaemonSet", {
          ...good,
          resources: { requests: { cpu: "1" } },
        }),
      ),
      ["container etcd: missing requests.memory, limits.cpu, limits.memory"],
    );
  });

  it("does not apply to non-workloads", async () => {
    const cm: CapturedResource = {
      urn: "urn:x",
      type: "kubernetes:core/v1:ConfigMap",
      name: "c",
      inputs: {},
      dependencies: [],
    };
    assert.deepEqual(await messages("k8s-resource-limits", cm), []);
  });
});
