/**
 * Network: deny everything in the namespace, then allow what each workload needs. Enforced by
 * the VPC CNI's network policy agent (vpc-cni enableNetworkPolicy, see @platform/eks).
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { backupLabels, CLIENT_LABEL, memberLabels } from "./common";
import type { EtcdScope } from "./common";

const CLIENT_PORT = { port: 2379, protocol: "TCP" };
const PEER_PORT = { port: 2380, protocol: "TCP" };
/** The EKS Pod Identity agent's IPv4 address on every node. */
const POD_IDENTITY_AGENT = "169.254.170.23/32";
/** DNS to CoreDNS, which EKS labels `k8s-app: kube-dns` in kube-system. */
const DNS_EGRESS = {
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

/** Default deny; clients to members, members to members, backup jobs to members and AWS. */
export function networkPolicies(scope: EtcdScope, namespace: pulumi.Resource): void {
  const { name, ns } = scope;
  const labels = memberLabels(name);
  const policy = (id: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
    new k8s.networking.v1.NetworkPolicy(
      `${name}-${id}`,
      { metadata: { name: `${name}-${id}`, namespace: ns }, spec },
      { ...scope.kube, dependsOn: [namespace] },
    );
  policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  policy("clients-only", {
    podSelector: { matchLabels: labels },
    policyTypes: ["Ingress"],
    ingress: [
      {
        from: [{ namespaceSelector: {}, podSelector: { matchLabels: { [CLIENT_LABEL]: "true" } } }],
        ports: [{ port: 2379, protocol: "TCP" }],
      },
      {
        from: [{ podSelector: { matchLabels: labels } }],
        ports: [{ port: 2380, protocol: "TCP" }],
      },
    ],
  });
  policy("members-egress", {
    podSelector: { matchLabels: labels },
    policyTypes: ["Egress"],
    egress: [DNS_EGRESS, { to: [{ podSelector: { matchLabels: labels } }], ports: [PEER_PORT] }],
  });
  policy("backup-egress", {
    podSelector: { matchLabels: backupLabels(name) },
    policyTypes: ["Egress"],
    egress: [
      DNS_EGRESS,
      { to: [{ podSelector: { matchLabels: labels } }], ports: [CLIENT_PORT] },
      // Credentials come from the EKS Pod Identity agent, a host-network DaemonSet answering on
      // this link-local address ("EKS Pod Identity", Amazon EKS User Guide, considerations).
      { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT } }], ports: [{ port: 80, protocol: "TCP" }] },
      // S3 (through the VPC's gateway endpoint, which keeps S3's public addresses, so no
      // narrower block exists) and the interface endpoints in the VPC: HTTPS only.
      { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] },
    ],
  });
}
