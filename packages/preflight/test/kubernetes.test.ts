import * as assert from "node:assert/strict";
import { k8sProviderAccess } from "../src/kubernetes/access";
import { k8sCrds } from "../src/kubernetes/crds";
import { k8sNetworkPolicyEnforced } from "../src/kubernetes/network-policy";
import { k8sReferences } from "../src/kubernetes/references";
import { k8sSchedulable } from "../src/kubernetes/scheduling";
import { k8sSchema } from "../src/kubernetes/schema";
import { check, messages, res } from "./fixtures";
import { eksCluster, k8s, kubeconfig, namespace, ROLE } from "./k8s-fixtures";

const labels = { "app.kubernetes.io/name": "etcd" };

function statefulSet(replicas: number, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "etcd", namespace: "etcd" },
    spec: {
      replicas,
      serviceName: "etcd",
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: labels }, topologyKey: "kubernetes.io/hostname" },
              ],
            },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: "topology.kubernetes.io/zone",
              whenUnsatisfiable: "DoNotSchedule",
              labelSelector: { matchLabels: labels },
            },
          ],
          containers: [
            {
              name: "etcd",
              image: "quay.io/coreos/etcd:v3.5.17",
              resources: { requests: { cpu: "500m", memory: "1Gi" } },
            },
          ],
          ...extra,
        },
      },
    },
  };
}

const certificate = (issuer = "ca") => ({
  apiVersion: "cert-manager.io/v1",
  kind: "Certificate",
  metadata: { name: "tls", namespace: "etcd" },
  spec: { secretName: "tls", issuerRef: { kind: "Issuer", name: issuer } },
});

describe("k8s-crd-installed", () => {
  it("rejects a cert-manager Certificate with nothing installing cert-manager (issue 12 item 4)", async () => {
    const c = eksCluster();
    const findings = await check(k8sCrds, [
      ...c.all,
      k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate()),
    ]);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!.message,
      /^Certificate tls \(cert-manager\.io\/v1\): nothing in this stack installs the cert-manager\.io CRDs/,
    );
  });

  it("rejects a chart without crds.enabled and a custom resource not ordered after the chart", async () => {
    const c = eksCluster();
    const off = res("kubernetes:helm.sh/v3:Release", "cm", { chart: "cert-manager", values: {} });
    const first = await check(k8sCrds, [
      ...c.all,
      off,
      k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate(), [off]),
    ]);
    assert.deepEqual(messages(first), [
      "error: Certificate tls (cert-manager.io/v1): Helm release cm (chart cert-manager) installs the cert-manager.io CRDs only with values crds.enabled: true",
    ]);
    const on = res("kubernetes:helm.sh/v3:Release", "cm", {
      chart: "cert-manager",
      values: { crds: { enabled: true } },
    });
    const second = await check(k8sCrds, [
      ...c.all,
      on,
      k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate()),
    ]);
    assert.match(
      messages(second)[0]!,
      /does not wait for Helm release cm \(chart cert-manager\).*add dependsOn$/,
    );
  });

  it("accepts a custom resource after its installer, or one declared a prerequisite", async () => {
    const c = eksCluster();
    const addon = res("aws:eks/addon:Addon", "cert-manager", { addonName: "cert-manager" });
    assert.deepEqual(
      await check(k8sCrds, [
        ...c.all,
        addon,
        k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate(), [addon]),
      ]),
      [],
    );
    assert.deepEqual(
      await check(
        k8sCrds,
        [...c.all, k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate())],
        { config: { crdPrerequisites: ["cert-manager.io"] } },
      ),
      [],
    );
  });
});

describe("k8s-crd-installed: the Prometheus operator's CRDs", () => {
  const rule = {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "platform-etcd", namespace: "monitoring" },
    spec: { groups: [{ name: "etcd", rules: [{ alert: "EtcdNoLeader", expr: "up == 0" }] }] },
  };

  it("accepts a PrometheusRule after kube-prometheus-stack, and not with its CRDs off", async () => {
    const c = eksCluster();
    const chart = (values: Record<string, unknown>) =>
      res("kubernetes:helm.sh/v3:Release", "kps", { chart: "kube-prometheus-stack", values });
    const on = chart({ crds: { enabled: true } });
    assert.deepEqual(
      await check(k8sCrds, [
        ...c.all,
        on,
        k8s(c.provider, "monitoring.coreos.com/v1:PrometheusRule", "rules", rule, [on]),
      ]),
      [],
    );
    const off = chart({ crds: { enabled: false } });
    assert.deepEqual(
      messages(
        await check(k8sCrds, [
          ...c.all,
          off,
          k8s(c.provider, "monitoring.coreos.com/v1:PrometheusRule", "rules", rule, [off]),
        ]),
      ),
      [
        "error: PrometheusRule platform-etcd (monitoring.coreos.com/v1): Helm release kps (chart kube-prometheus-stack) installs the monitoring.coreos.com CRDs only with values crds.enabled not false",
      ],
    );
  });

  it("validates a PrometheusRule against the prometheus-operator models", async () => {
    const c = eksCluster();
    const pr = (spec: unknown) =>
      k8s(c.provider, "monitoring.coreos.com/v1:PrometheusRule", "rules", { ...rule, spec });
    assert.deepEqual(await check(k8sSchema, [...c.all, pr(rule.spec)]), []);
    assert.equal(
      (await check(k8sSchema, [...c.all, pr({ groups: [{ name: "x", rules: [{ alert: 1 }] }] })]))
        .length,
      1,
    );
  });
});

describe("k8s-schema", () => {
  it("rejects an unknown field (a typo) and a wrong type, in built-in kinds and cert-manager CRs", async () => {
    const c = eksCluster();
    const typo = statefulSet(3);
    (typo.spec.template.spec.containers[0] as Record<string, unknown>)["resorces"] = {
      limits: { cpu: "1" },
    };
    const badType = {
      ...certificate(),
      spec: { ...certificate().spec, duration: 3600, isCa: true },
    };
    const findings = await check(k8sSchema, [
      ...c.all,
      k8s(c.provider, "apps/v1:StatefulSet", "etcd", typo),
      k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", badType),
    ]);
    assert.deepEqual(messages(findings), [
      "error: StatefulSet etcd has fields the apps/v1 StatefulSet schema does not know (a typo, or a field of another version): /spec/template/spec/containers/0/resorces; the API server rejects them under strict field validation or drops them silently",
      "error: Certificate tls does not match the cert-manager.io/v1 Certificate schema: /spec/duration must be string",
      "error: Certificate tls has fields the cert-manager.io/v1 Certificate schema does not know (a typo, or a field of another version): /spec/isCa; the API server rejects them under strict field validation or drops them silently",
    ]);
  });

  it("rejects an API version the cluster's Kubernetes no longer serves", async () => {
    const c = eksCluster();
    const findings = await check(k8sSchema, [
      ...c.all,
      k8s(c.provider, "policy/v1beta1:PodDisruptionBudget", "pdb", {
        metadata: { name: "pdb", namespace: "etcd" },
        spec: { maxUnavailable: 1 },
      }),
    ]);
    assert.equal(
      messages(findings)[0],
      "error: policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.33 (removed in 1.25); use policy/v1 (PodSecurityPolicy has no replacement: Pod Security Admission)",
    );
  });

  it("accepts valid manifests, maps and free-form fields included, and warns where no schema exists", async () => {
    const c = eksCluster();
    const findings = await check(k8sSchema, [
      ...c.all,
      k8s(c.provider, "apps/v1:StatefulSet", "etcd", statefulSet(3)),
      k8s(c.provider, "cert-manager.io/v1:Issuer", "self", {
        metadata: { name: "self", namespace: "etcd" },
        spec: { selfSigned: {} },
      }),
      k8s(c.provider, "velero.io/v1:Schedule", "daily", {
        metadata: { name: "daily" },
        spec: { schedule: "0 2 * * *" },
      }),
    ]);
    assert.deepEqual(messages(findings), [
      "warning: no schema for velero.io/v1 Schedule in kubernetes-models or a @kubernetes-models package: it cannot be validated offline (add the models package for its CRDs)",
    ]);
  });
});

describe("k8s-references", () => {
  it("rejects a missing service account, secret, storage class, issuer, governing service and a selector mismatch", async () => {
    const c = eksCluster();
    const ns = namespace(c.provider, "etcd");
    const sts = statefulSet(3, {
      serviceAccountName: "backup",
      volumes: [{ name: "tls", secret: { secretName: "server-tls" } }],
    });
    const spec = sts.spec as Record<string, unknown>;
    spec["volumeClaimTemplates"] = [
      { metadata: { name: "data" }, spec: { storageClassName: "gp3-encrypted" } },
    ];
    spec["selector"] = { matchLabels: { app: "other" } };
    const pia = res("aws:eks/podIdentityAssociation:PodIdentityAssociation", "backup", {
      namespace: "etcd",
      serviceAccount: "backup",
    });
    const findings = await check(k8sReferences, [
      ...c.all,
      ns,
      k8s(c.provider, "apps/v1:StatefulSet", "etcd", sts, [ns]),
      k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate("missing"), [ns]),
      pia,
    ]);
    assert.deepEqual(messages(findings), [
      'error: StatefulSet etcd: service account "backup" does not exist in namespace etcd: the pods are never created',
      'error: StatefulSet etcd: secret "server-tls" is neither created in namespace etcd nor issued there by a cert-manager Certificate: the pods stay in ContainerCreating',
      "error: StatefulSet etcd: spec.selector does not match the pod template's labels: the API server rejects it",
      'error: StatefulSet etcd: storage class "gp3-encrypted" of a volume claim template is not created in this stack: the claims stay Pending',
      'error: StatefulSet etcd: governing Service "etcd" does not exist in namespace etcd: the pods get no stable DNS names',
      'error: Certificate tls: issuerRef Issuer "missing" does not exist in namespace etcd: the certificate is never issued',
      "error: Pod Identity association for etcd/backup: no ServiceAccount backup is created in namespace etcd (and no Helm release installs into it): no pod gets these AWS credentials",
    ]);
  });

  it("accepts references that resolve, secrets issued by a Certificate included", async () => {
    const c = eksCluster();
    const ns = namespace(c.provider, "etcd");
    const sts = statefulSet(3, {
      serviceAccountName: "backup",
      volumes: [{ name: "tls", secret: { secretName: "tls" } }],
    });
    const findings = await check(k8sReferences, [
      ...c.all,
      ns,
      k8s(
        c.provider,
        "core/v1:ServiceAccount",
        "backup",
        { metadata: { name: "backup", namespace: "etcd" } },
        [ns],
      ),
      k8s(
        c.provider,
        "core/v1:Service",
        "etcd-svc",
        {
          metadata: { name: "etcd", namespace: "etcd" },
          spec: { clusterIP: "None", selector: labels },
        },
        [ns],
      ),
      k8s(
        c.provider,
        "cert-manager.io/v1:Issuer",
        "ca",
        { metadata: { name: "ca", namespace: "etcd" }, spec: { selfSigned: {} } },
        [ns],
      ),
      k8s(c.provider, "cert-manager.io/v1:Certificate", "tls", certificate(), [ns]),
      k8s(c.provider, "apps/v1:StatefulSet", "etcd", sts, [ns]),
      res("aws:eks/podIdentityAssociation:PodIdentityAssociation", "backup", {
        namespace: "etcd",
        serviceAccount: "backup",
      }),
    ]);
    assert.deepEqual(findings, []);
  });
});

describe("k8s-schedulable", () => {
  it("rejects 3 members with required host anti-affinity on 2 nodes (issue 12 item 5)", async () => {
    const c = eksCluster({ desired: 2, max: 4 });
    const findings = await check(k8sSchedulable, [
      ...c.all,
      k8s(c.provider, "apps/v1:StatefulSet", "etcd", statefulSet(3)),
    ]);
    assert.deepEqual(messages(findings), [
      "error: StatefulSet etcd: replica 3 of 3 cannot be scheduled (2 node(s): required pod anti-affinity on kubernetes.io/hostname: the node's domain already has a matching pod); nodes at desired size, no autoscaler in the stack: general: 2 x m6i.large in 2 zone(s). It never becomes ready and the update times out: add nodes or zones, or relax the constraint",
    ]);
  });

  it("rejects requests larger than an instance type's allocatable and a spread over too few zones", async () => {
    const big = await check(
      k8sSchedulable,
      (() => {
        const c = eksCluster({ desired: 3, zones: ["a", "b", "c"] });
        const sts = statefulSet(1);
        sts.spec.template.spec.containers[0]!.resources = { requests: { cpu: "2", memory: "1Gi" } };
        return [...c.all, k8s(c.provider, "apps/v1:StatefulSet", "etcd", sts)];
      })(),
    );
    assert.match(
      messages(big)[0]!,
      /replica 1 of 1 cannot be scheduled \(3 node\(s\): not enough CPU \(2000m requested\)\)/,
    );
    // With a single zone the zone spread is met trivially: 5 members on 5 nodes fit.
    const c = eksCluster({ desired: 5, zones: ["a"] });
    const spread = statefulSet(5);
    const skewed = await check(k8sSchedulable, [
      ...c.all,
      k8s(c.provider, "apps/v1:StatefulSet", "etcd", spread),
    ]);
    assert.deepEqual(skewed, []);
  });

  it("accepts 3 members on 3 nodes in 3 zones, and counts the autoscaler's maximum", async () => {
    const c = eksCluster({ desired: 3, zones: ["a", "b", "c"] });
    assert.deepEqual(
      await check(k8sSchedulable, [
        ...c.all,
        k8s(c.provider, "apps/v1:StatefulSet", "etcd", statefulSet(3)),
      ]),
      [],
    );
    const scaled = eksCluster({ desired: 2, max: 4 });
    const autoscaler = res("kubernetes:helm.sh/v3:Release", "ca", { chart: "cluster-autoscaler" });
    assert.deepEqual(
      await check(k8sSchedulable, [
        ...scaled.all,
        autoscaler,
        k8s(scaled.provider, "apps/v1:StatefulSet", "etcd", statefulSet(3)),
      ]),
      [],
    );
  });
});

describe("k8s-provider-access", () => {
  const location = {
    network: "vpc" as const,
    sourceCidrs: ["10.8.0.0/16"],
    reachableCidrs: ["10.16.0.0/14"],
    from: "test",
  };

  it("rejects a kubeconfig without a role and an endpoint unreachable from the internet (issue 11 item 2)", async () => {
    const c = eksCluster();
    const provider = { ...c.provider, inputs: { kubeconfig: kubeconfig() } };
    const findings = await check(k8sProviderAccess, [
      ...c.all.filter((r) => r !== c.provider),
      provider,
      namespace(provider, "etcd"),
    ]);
    assert.deepEqual(messages(findings), [
      "error: cannot reach cluster dev's API server: the endpoint is private-only and the deploy location (none declared: a GitHub-hosted runner on the internet with no fixed egress) is on the internet: add a runner inside a network routed to the cluster's VPC",
      "error: the kubeconfig's aws eks get-token carries no role (--role-arn), so it signs with whatever credentials run Pulumi (the CI job's own role), which has no access entry: pass the account's deploy role",
    ]);
  });

  it("rejects a runner VPC without a security group rule, and an Edit policy for a Namespace", async () => {
    const c = eksCluster({ policy: "AmazonEKSEditPolicy", namespaces: ["etcd"] });
    const findings = await check(k8sProviderAccess, [...c.all, namespace(c.provider, "etcd")], {
      deployLocation: location,
    });
    assert.deepEqual(messages(findings), [
      "error: cannot reach cluster dev's API server: no security group of the cluster (its cluster security group or vpcConfig.securityGroupIds) admits 10.8.0.0/16 on 443; the cluster security group admits only itself, so the runner's connection times out",
      `error: role ${ROLE} has AmazonEKSEditPolicy (etcd) on cluster dev, which does not allow applying Namespace etcd`,
    ]);
  });

  it("accepts rules on the cluster's own security group admitting the runner's subnets, and only all of them", async () => {
    const c = eksCluster();
    const rule = (cidr: string) =>
      res(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        `api-from-${cidr}`,
        { cidrIpv4: cidr, ipProtocol: "tcp", fromPort: 443, toPort: 443 },
        { refs: { securityGroupId: [c.cluster] } },
      );
    const runner = { ...location, sourceCidrs: ["10.8.0.0/20", "10.8.32.0/20"] };
    const both = [rule("10.8.0.0/20"), rule("10.8.32.0/20")];
    assert.deepEqual(
      await check(k8sProviderAccess, [...c.all, ...both, namespace(c.provider, "etcd")], {
        deployLocation: runner,
      }),
      [],
    );
    assert.deepEqual(
      messages(
        await check(k8sProviderAccess, [...c.all, both[0]!, namespace(c.provider, "etcd")], {
          deployLocation: runner,
        }),
      ),
      [
        "error: cannot reach cluster dev's API server: no security group of the cluster (its cluster security group or vpcConfig.securityGroupIds) admits 10.8.32.0/20 on 443; the cluster security group admits only itself, so the runner's connection times out",
      ],
    );
  });

  it("accepts a cluster admin role reached from a routed VPC admitted on 443", async () => {
    const c = eksCluster();
    const sg = res("aws:ec2/securityGroup:SecurityGroup", "api", {
      ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["10.8.0.0/16"] }],
    });
    const cluster = {
      ...c.cluster,
      propertyDependencies: { vpcConfig: [...c.subnets.map((s) => s.urn), sg.urn] },
    };
    const all = c.all.map((r) => (r === c.cluster ? cluster : r));
    const findings = await check(k8sProviderAccess, [...all, sg, namespace(c.provider, "etcd")], {
      deployLocation: location,
    });
    assert.deepEqual(findings, []);
  });
});

describe("k8s-network-policy-enforced", () => {
  const policy = (provider: ReturnType<typeof eksCluster>["provider"]) =>
    k8s(provider, "networking.k8s.io/v1:NetworkPolicy", "deny", {
      metadata: { name: "deny", namespace: "etcd" },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });
  const cni = (cluster: ReturnType<typeof eksCluster>["cluster"], values?: object) =>
    res(
      "aws:eks/addon:Addon",
      "vpc-cni",
      {
        addonName: "vpc-cni",
        addonVersion: "v1.19.2-eksbuild.1",
        configurationValues: values ? JSON.stringify(values) : undefined,
      },
      { refs: { clusterName: [cluster] } },
    );

  it("rejects NetworkPolicies on a cluster whose vpc-cni does not enable network policy (issue 12 item 6)", async () => {
    const c = eksCluster();
    const findings = await check(k8sNetworkPolicyEnforced, [
      ...c.all,
      cni(c.cluster),
      policy(c.provider),
    ]);
    assert.deepEqual(messages(findings), [
      'error: NetworkPolicy deny (and every other one on this cluster) is never enforced: the vpc-cni add-on vpc-cni does not set enableNetworkPolicy "true" in configurationValues and no other policy engine is installed',
    ]);
  });

  it("accepts them when the vpc-cni enables network policy", async () => {
    const c = eksCluster();
    assert.deepEqual(
      await check(k8sNetworkPolicyEnforced, [
        ...c.all,
        cni(c.cluster, { enableNetworkPolicy: "true" }),
        policy(c.provider),
      ]),
      [],
    );
  });
});
