import * as assert from "node:assert/strict";
import { deliveryBucketNames, deliveryProblems } from "../src";

const context = {
  namePrefix: "dev",
  accountId: "200000000002",
  platformNamespaces: ["velero", "etcd"],
};
const lines = (apps: Array<{ name: string; namespace: string }>, emails = ["team@example.com"]) =>
  deliveryProblems({ apps, notificationEmails: emails }, context).map(
    (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
  );

describe("deliveryProblems", () => {
  it("accepts applications with their own names and namespaces", () =>
    assert.deepEqual(
      lines([
        { name: "shop", namespace: "shop" },
        { name: "billing", namespace: "billing" },
      ]),
      [],
    ));

  it("rejects two applications with one name", () =>
    assert.deepEqual(
      lines([
        { name: "shop", namespace: "shop" },
        { name: "shop", namespace: "shop-2" },
      ]),
      [
        'apps.1.name = "shop": is used by another application; each app gets its own pipeline, repository and buckets named after it',
      ],
    ));

  it("rejects two applications in one namespace", () =>
    assert.deepEqual(
      lines([
        { name: "shop", namespace: "shop" },
        { name: "cart", namespace: "shop" },
      ]),
      [
        'apps.1.namespace = "shop": is already the namespace of shop; each app deploys into its own namespace, which its deploy role may edit entirely',
      ],
    ));

  it("rejects Kubernetes system namespaces and the platform's own", () =>
    assert.deepEqual(
      lines([
        { name: "shop", namespace: "kube-system" },
        { name: "cart", namespace: "default" },
        { name: "kv", namespace: "etcd" },
      ]),
      [
        'apps.0.namespace = "kube-system": is a Kubernetes system namespace; deploy the app into its own namespace',
        'apps.1.namespace = "default": is a Kubernetes system namespace; deploy the app into its own namespace',
        "apps.2.namespace = \"etcd\": is a namespace the platform runs in; the app's deploy role would get edit access to it. Use the app's own namespace",
      ],
    ));

  it("rejects an app name that makes a bucket name longer than S3 allows", () => {
    assert.equal(
      deliveryBucketNames("dev", "shop", "200000000002").accessLogs,
      "dev-shop-200000000002-access-logs",
    );
    const name = "a-very-long-app-name1"; // 21 characters, the longest nameSchema allows
    assert.deepEqual(
      deliveryProblems(
        { apps: [{ name, namespace: "shop" }], notificationEmails: [] },
        { ...context, namePrefix: "integration-eu-west" },
      ).map((p) => p.message),
      [
        `makes the bucket name integration-eu-west-${name}-200000000002-access-logs 66 characters; S3 allows 63: use an app name of at most 18 characters`,
      ],
    );
  });

  it("rejects a notification address listed twice", () =>
    assert.deepEqual(lines([], ["a@example.com", "a@example.com"]), [
      'notificationEmails.1 = "a@example.com": is listed twice; SNS keeps one subscription per address',
    ]));
});
