import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PACK as K8S_PACK } from "@platform/kubernetes-guardrails/policies";
import { PACK as AWS_PACK } from "@platform/aws-guardrails/policies";
import { componentPackConfig, mandatoryFindings } from "@platform/policy-runner";
import { accessLogDeliveries, resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { EtcdCluster, imageTag, initialCluster, maxBackupAgeSeconds, placementFor } from "../src";
import type { Placement } from "../src";

function plan(members: 3 | 5 = 3, placement?: Placement): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("acct", {
        region: "eu-west-1",
        allowedAccountIds: ["400000000004"],
      });
      const kubernetesProvider = new k8s.Provider("k8s", { kubeconfig: "{}" });
      const addon = (addonName: string, addonVersion: string) =>
        new aws.eks.Addon(
          addonName,
          { clusterName: "prod", addonName, addonVersion },
          { provider },
        );
      new EtcdCluster(
        "etcd",
        {
          kubernetesProvider,
          certManager: addon("cert-manager", "v1.19.1-eksbuild.1"),
          clusterReady: [addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.2")],
          clusterName: "prod",
          namespace: "etcd",
          members,
          placement,
          image: "quay.io/coreos/etcd:v3.5.17",
          storageClass: "gp3-encrypted",
          volumeSize: "20Gi",
          resources: { cpu: "1", memory: "2Gi" },
          retentionDays: 30,
          bucketName: "prod-400000000004-etcd-snapshots",
          accountId: "400000000004",
          region: "eu-west-1",
          protect: true,
        },
        { provider },
      );
      return {};
    },
    {
      project: "platform-prod",
      stack: "prod",
      // As the stacks run: every resource, and every remote component, needs an explicit provider.
      config: { "pulumi:disable-default-providers": ["*"] },
    },
  );
}

type Pod = {
  securityContext: Record<string, unknown>;
  containers: Array<{
    securityContext: Record<string, unknown>;
    resources: unknown;
    readinessProbe?: { exec: { command: string[] } };
    command?: string[];
  }>;
  topologySpreadConstraints: unknown[];
  affinity: unknown;
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
};

describe("EtcdCluster", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });
  const sts = () => resourceNamed(run, "kubernetes:apps/v1:StatefulSet", "etcd");
  const pod = () => (sts().inputs["spec"] as { template: { spec: Pod } }).template.spec;

  it("runs 3 (or 5) members spread over zones and nodes, with encrypted volumes", async () => {
    assert.equal((sts().inputs["spec"] as { replicas: number }).replicas, 3);
    assert.equal(
      (
        (await plan(5)).resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet")!.inputs[
          "spec"
        ] as { replicas: number }
      ).replicas,
      5,
    );
    assert.deepEqual(pod().topologySpreadConstraints, [
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: {
          matchLabels: { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": "etcd" },
        },
        // AZs without nodes the members may use are not counted as empty domains.
        nodeAffinityPolicy: "Honor",
        nodeTaintsPolicy: "Honor",
      },
    ]);
    // The autoscaler never takes a member's node away (its volume is bound to that AZ).
    assert.deepEqual(
      (sts().inputs["spec"] as { template: { metadata: { annotations: Record<string, string> } } })
        .template.metadata.annotations,
      { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
    );
    assert.equal(pod().nodeSelector, undefined);
    assert.match(JSON.stringify(pod().affinity), /"topologyKey":"kubernetes.io\/hostname"/);
    const claim = (
      sts().inputs["spec"] as {
        volumeClaimTemplates: Array<{ spec: { storageClassName: string } }>;
      }
    ).volumeClaimTemplates[0]!;
    assert.equal(claim.spec.storageClassName, "gp3-encrypted");
    assert.equal(sts().protect, true);
  });

  it("runs the members only on the node group it is pinned to, tolerating its taints", async () => {
    const pinned = await plan(
      3,
      placementFor(
        [
          {
            name: "etcd",
            instanceTypes: ["r6i.large"],
            minSize: 3,
            maxSize: 3,
            desiredSize: 3,
            taints: [{ key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" }],
          },
        ],
        "etcd",
      ),
    );
    const spec = (
      pinned.resources.find((r) => r.type === "kubernetes:apps/v1:StatefulSet")!.inputs["spec"] as {
        template: { spec: Pod };
      }
    ).template.spec;
    assert.deepEqual(spec.nodeSelector, { "eks.amazonaws.com/nodegroup": "etcd" });
    assert.deepEqual(spec.tolerations, [
      { key: "dedicated", operator: "Equal", value: "etcd", effect: "NoSchedule" },
    ]);
  });

  it("uses mTLS for clients and peers, with cert-manager certificates", () => {
    const command = pod().containers[0]!.command!;
    for (const flag of [
      "--client-cert-auth",
      "--peer-client-cert-auth",
      "--cert-file=/tls/server/tls.crt",
      "--peer-cert-file=/tls/peer/tls.crt",
    ])
      assert.ok(command.includes(flag), flag);
    assert.ok(command.includes(`--initial-cluster=${initialCluster("etcd", "etcd", 3)}`));
    const kinds = resourcesOfType(run, "kubernetes:cert-manager.io/v1:Certificate")
      .map((c) => c.name)
      .sort();
    assert.deepEqual(kinds, ["etcd-ca", "etcd-client-tls", "etcd-peer-tls", "etcd-server-tls"]);
  });

  it("creates every Issuer and Certificate after cert-manager and its issuer, and the members after their certificates", () => {
    const addon = (n: string) => resourceNamed(run, "aws:eks/addon:Addon", n).urn;
    const urn = (n: string) =>
      run.resources.find((r) => r.name === n && r.type.startsWith("kubernetes:cert-manager.io/"))!
        .urn;
    const certManagerResources = run.resources.filter((r) =>
      r.type.startsWith("kubernetes:cert-manager.io/"),
    );
    assert.equal(certManagerResources.length, 6);
    for (const r of certManagerResources) {
      assert.ok(r.dependencies.includes(addon("cert-manager")), `${r.name} after cert-manager`);
      assert.equal(
        (r.inputs["metadata"] as { annotations: Record<string, string> }).annotations[
          "pulumi.com/waitFor"
        ],
        "condition=Ready",
      );
    }
    const after = (n: string, dep: string) =>
      assert.ok(
        run.resources.find((r) => r.name === n)!.dependencies.includes(urn(dep)),
        `${n} after ${dep}`,
      );
    after("etcd-ca", "etcd-selfsigned-issuer");
    after("etcd-ca-issuer", "etcd-ca");
    for (const leaf of ["etcd-server-tls", "etcd-peer-tls", "etcd-client-tls"]) {
      after(leaf, "etcd-ca-issuer");
      assert.ok(sts().dependencies.includes(urn(leaf)), `members after ${leaf}`);
    }
    assert.ok(sts().dependencies.includes(addon("aws-ebs-csi-driver")));
  });

  it("is restricted: non-root, no escalation, no capabilities, RuntimeDefault seccomp, with limits", () => {
    const c = pod().containers[0]!;
    assert.deepEqual(c.securityContext, {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    assert.deepEqual(c.resources, {
      requests: { cpu: "1", memory: "2Gi" },
      limits: { cpu: "1", memory: "2Gi" },
    });
    assert.deepEqual(c.readinessProbe!.exec.command.slice(-2), ["endpoint", "health"]);
    const ns = resourceNamed(run, "kubernetes:core/v1:Namespace", "etcd-ns");
    assert.equal(
      (ns.inputs["metadata"] as { labels: Record<string, string> }).labels[
        "pod-security.kubernetes.io/enforce"
      ],
      "restricted",
    );
  });

  it("keeps quorum through disruptions and admits only labelled clients", () => {
    const pdb = resourceNamed(run, "kubernetes:policy/v1:PodDisruptionBudget", "etcd-pdb");
    assert.equal((pdb.inputs["spec"] as { maxUnavailable: number }).maxUnavailable, 1);
    const np = resourceNamed(
      run,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      "etcd-clients-only",
    );
    const ingress = (
      np.inputs["spec"] as {
        ingress: Array<{
          from: Array<{ podSelector: { matchLabels: Record<string, string> } }>;
          ports: Array<{ port: number }>;
        }>;
      }
    ).ingress;
    assert.deepEqual(ingress[0]!.from[0]!.podSelector.matchLabels, {
      "etcd.platform/client": "true",
    });
    assert.deepEqual(ingress[0]!.ports, [{ port: 2379, protocol: "TCP" }]);
  });

  it("denies all traffic in its namespace and allows only what members and backup jobs need", () => {
    const spec = (id: string) =>
      resourceNamed(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy", `etcd-${id}`).inputs[
        "spec"
      ] as {
        podSelector: { matchLabels?: Record<string, string> };
        policyTypes: string[];
        egress?: Array<{ to: unknown[]; ports: Array<{ port: number; protocol: string }> }>;
      };
    assert.deepEqual(spec("default-deny"), {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
    const dns = {
      to: [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
          podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
        },
      ],
      ports: [
        { port: 53, protocol: "UDP" },
        { port: 53, protocol: "TCP" },
      ],
    };
    const members = { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": "etcd" };
    assert.deepEqual(spec("members-egress").podSelector.matchLabels, members);
    assert.deepEqual(spec("members-egress").egress, [
      dns,
      { to: [{ podSelector: { matchLabels: members } }], ports: [{ port: 2380, protocol: "TCP" }] },
    ]);
    const backup = spec("backup-egress");
    assert.deepEqual(backup.egress, [
      dns,
      { to: [{ podSelector: { matchLabels: members } }], ports: [{ port: 2379, protocol: "TCP" }] },
      {
        to: [{ ipBlock: { cidr: "169.254.170.23/32" } }],
        ports: [{ port: 80, protocol: "TCP" }],
      },
      { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] },
    ]);
    // Every backup job's pods are selected by the backup egress policy, and none by the members'.
    for (const job of resourcesOfType(run, "kubernetes:batch/v1:CronJob")) {
      const podLabels = (
        job.inputs["spec"] as {
          jobTemplate: { spec: { template: { metadata: { labels: Record<string, string> } } } };
        }
      ).jobTemplate.spec.template.metadata.labels;
      const selects = (selector: Record<string, string>) =>
        Object.entries(selector).every(([k, v]) => podLabels[k] === v);
      assert.ok(selects(backup.podSelector.matchLabels!), job.name);
      assert.ok(!selects(members), `${job.name} pods must not match the members' selector`);
    }
  });

  it("schedules snapshots, an hourly age check, a weekly restore drill, and keeps an on-demand job suspended", () => {
    const jobs = Object.fromEntries(
      resourcesOfType(run, "kubernetes:batch/v1:CronJob").map((j) => {
        const spec = j.inputs["spec"] as {
          schedule: string;
          suspend: boolean;
          jobTemplate: { spec: { template: { spec: { containers: Array<{ args: string[] }> } } } };
        };
        return [
          j.name,
          [spec.schedule, spec.suspend, spec.jobTemplate.spec.template.spec.containers[0]!.args[0]],
        ];
      }),
    );
    assert.deepEqual(jobs, {
      "etcd-snapshot": ["0 3 * * *", false, "/opt/etcd-backup/etcd-backup.sh"],
      "etcd-snapshot-on-demand": ["0 0 1 1 *", true, "/opt/etcd-backup/etcd-backup.sh"],
      "etcd-backup-age": ["30 * * * *", false, "/opt/etcd-backup/etcd-backup-age.sh"],
      "etcd-restore-drill": ["0 5 * * 0", false, "/opt/etcd-backup/etcd-verify-restore.sh"],
    });
    assert.equal(maxBackupAgeSeconds("0 3 * * *"), 93600);
    assert.equal(maxBackupAgeSeconds("0 * * * *"), 7200);
  });

  it("builds and pushes the backup image from this package, and the jobs run it by digest", () => {
    const repo = resourceNamed(run, "aws:ecr/repository:Repository", "etcd-backup-image");
    assert.deepEqual(
      [
        repo.inputs["name"],
        repo.inputs["imageTagMutability"],
        repo.inputs["imageScanningConfiguration"],
      ],
      ["etcd/backup", "IMMUTABLE", { scanOnPush: true }],
    );
    const image = resourceNamed(run, "awsx:ecr:Image", "etcd-backup-image");
    const pkg = path.resolve(__dirname, "..");
    assert.equal(path.resolve(String(image.inputs["context"])), pkg);
    assert.equal(
      path.resolve(String(image.inputs["dockerfile"])),
      path.join(pkg, "image", "Dockerfile"),
    );
    assert.equal(image.inputs["platform"], "linux/amd64");
    assert.equal(image.inputs["imageTag"], imageTag(pkg));
    assert.match(String(image.inputs["imageTag"]), /^ctx-[0-9a-f]{16}$/);
    assert.equal(
      image.inputs["repositoryUrl"],
      "400000000004.dkr.ecr.eu-west-1.amazonaws.com/etcd/backup",
    );
    assert.deepEqual(image.propertyDependencies["repositoryUrl"], [repo.urn]);
    // The plugin builds with docker-build and logs in to ECR with the account's provider.
    assert.match(image.provider ?? "", /pulumi:providers:awsx::etcd-backup-image-awsx$/);
    const jobs = resourcesOfType(run, "kubernetes:batch/v1:CronJob");
    assert.equal(jobs.length, 4);
    for (const job of jobs) {
      const container = (
        job.inputs["spec"] as {
          jobTemplate: { spec: { template: { spec: { containers: Array<{ image: string }> } } } };
        }
      ).jobTemplate.spec.template.spec.containers[0]!;
      assert.match(
        container.image,
        /^400000000004\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/etcd\/backup@sha256:[0-9a-f]{64}$/,
      );
      assert.ok(job.dependencies.includes(image.urn), job.name);
    }
  });

  it("tags the image by the content of everything the Dockerfile can copy", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-image-"));
    try {
      fs.cpSync(path.resolve(__dirname, "..", "image"), path.join(tmp, "image"), {
        recursive: true,
      });
      fs.cpSync(path.resolve(__dirname, "..", "scripts"), path.join(tmp, "scripts"), {
        recursive: true,
      });
      const before = imageTag(tmp);
      assert.equal(before, imageTag(path.resolve(__dirname, "..")));
      fs.writeFileSync(path.join(tmp, "src-only.txt"), "not in the image");
      assert.equal(imageTag(tmp), before, "files outside image/ and scripts/ do not count");
      fs.appendFileSync(path.join(tmp, "scripts", "lib.sh"), "\n# changed\n");
      const changed = imageTag(tmp);
      assert.notEqual(changed, before);
      const lib = path.join(tmp, "scripts", "lib.sh");
      fs.chmodSync(lib, fs.statSync(lib).mode ^ 0o111);
      assert.notEqual(imageTag(tmp), changed, "the executable bit is part of the image");
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("sends access logs to a bucket S3 can deliver to (SSE-S3, logging-service grant)", () => {
    const deliveries = accessLogDeliveries(run);
    assert.ok(deliveries.length > 0);
    for (const d of deliveries) assert.deepEqual(d.problems, [], `${d.source} -> ${d.target}`);
  });

  it("ships the scripts the tests run in the backup image", () => {
    const dockerfile = fs.readFileSync(path.join(__dirname, "..", "image", "Dockerfile"), "utf8");
    assert.match(dockerfile, /COPY scripts\/ \/opt\/etcd-backup\//);
  });

  it("passes the prod guardrails: restricted pods, pinned images, limits, protected encrypted backups", async () => {
    const config = (pack: string) =>
      componentPackConfig(
        path.resolve(__dirname, "..", "..", "..", "policies", pack, "config", "prod.json"),
      );
    assert.deepEqual(
      await mandatoryFindings(K8S_PACK, run.resources, config("kubernetes-guardrails")),
      [],
    );
    assert.deepEqual(
      await mandatoryFindings(AWS_PACK, run.resources, config("aws-guardrails")),
      [],
    );
  });
});
