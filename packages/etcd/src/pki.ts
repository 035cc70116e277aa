/**
 * mTLS: a self-signed root, a CA issuer, and server, peer and client certificates. Each waits
 * for cert-manager (its CRDs) and for what it is issued by, and Pulumi waits for each to be
 * Ready (`pulumi.com/waitFor`), so the members start with their secrets in place.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EtcdScope } from "./common";

/** The names the server and peer certificates are valid for: the services and every member. */
export function serverDnsNames(name: string, ns: string): string[] {
  return [
    `${name}`,
    `${name}.${ns}`,
    `${name}.${ns}.svc`,
    `*.${name}.${ns}.svc`,
    `${name}-client.${ns}.svc`,
    "localhost",
  ];
}

/**
 * The issuers and certificates; returns the server, peer and client certificates (secrets
 * `<name>-<id>-tls`), which the members wait for.
 */
export function certificates(
  scope: EtcdScope,
  namespace: pulumi.Resource,
  certManager: pulumi.Resource,
): pulumi.Resource[] {
  const { name, ns } = scope;
  const cert = (id: string, spec: Record<string, unknown>, after: pulumi.Resource[]) =>
    new k8s.apiextensions.CustomResource(
      `${name}-${id}`,
      {
        apiVersion: "cert-manager.io/v1",
        kind: id.endsWith("issuer") ? "Issuer" : "Certificate",
        metadata: {
          name: `${name}-${id}`,
          namespace: ns,
          annotations: { "pulumi.com/waitFor": "condition=Ready" },
        },
        spec,
      },
      { ...scope.kube, dependsOn: [namespace, certManager, ...after] },
    );
  const selfSigned = cert("selfsigned-issuer", { selfSigned: {} }, []);
  const ca = cert(
    "ca",
    {
      isCA: true,
      commonName: `${name}-ca`,
      secretName: `${name}-ca`,
      duration: "87600h",
      privateKey: { algorithm: "ECDSA", size: 256 },
      issuerRef: { name: `${name}-selfsigned-issuer`, kind: "Issuer" },
    },
    [selfSigned],
  );
  const caIssuer = cert("ca-issuer", { ca: { secretName: `${name}-ca` } }, [ca]);
  const dnsNames = serverDnsNames(name, ns);
  return (
    [
      ["server", ["server auth", "client auth"]],
      ["peer", ["server auth", "client auth"]],
      ["client", ["client auth"]],
    ] as const
  ).map(([id, usages]) =>
    cert(
      `${id}-tls`,
      {
        secretName: `${name}-${id}-tls`,
        commonName: `${name}-${id}`,
        dnsNames: id === "client" ? undefined : dnsNames,
        ipAddresses: id === "client" ? undefined : ["127.0.0.1"],
        usages,
        duration: "2160h",
        renewBefore: "360h",
        privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        issuerRef: { name: `${name}-ca-issuer`, kind: "Issuer" },
      },
      [caIssuer],
    ),
  );
}
