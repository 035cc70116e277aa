/**
 * Checks of the applications delivered to one cluster: identities that must be unique, namespaces
 * an application may not deploy into, and the physical names AWS limits. Pure; the environment's
 * config validation runs them before any resource exists.
 */
import { duplicates } from "@platform/core";
import type { Problem } from "@platform/core";
import type { DeliveryApp } from "./schema";

/** The S3 buckets a pipeline creates for an application (globally unique, at most 63 characters). */
export function deliveryBucketNames(namePrefix: string, app: string, accountId: string) {
  const base = `${namePrefix}-${app}-${accountId}`;
  return { artifacts: `${base}-artifacts`, accessLogs: `${base}-access-logs` };
}

/** S3 bucket names are 3-63 characters (Amazon S3 User Guide, "Bucket naming rules"). */
const MAX_BUCKET_NAME = 63;

/** What the checks read of an application. */
export type DeliveryAppSpec = Readonly<Pick<DeliveryApp, "name" | "namespace">>;

export interface DeliveryContext {
  /** The environment's name, the prefix of every physical name. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** Namespaces the platform itself runs in (etcd, Velero, ...): no application deploys there. */
  readonly platformNamespaces: readonly string[];
}

export function deliveryProblems(
  delivery: {
    readonly apps: readonly DeliveryAppSpec[];
    readonly notificationEmails: readonly string[];
  },
  context: DeliveryContext,
): Problem[] {
  const problems: Problem[] = [];
  const apps = delivery.apps;
  // Each app's child names, ECR repository, CodeBuild projects and buckets are named after it.
  for (const { index, value } of duplicates(apps, (a) => a.name)) {
    problems.push({
      path: ["apps", index, "name"],
      value: value.name,
      message:
        "is used by another application; each app gets its own pipeline, repository and buckets named after it",
    });
  }
  // An app's deploy role may edit everything in its namespace (AmazonEKSEditPolicy scoped to it).
  for (const { index, first, value } of duplicates(apps, (a) => a.namespace)) {
    problems.push({
      path: ["apps", index, "namespace"],
      value: value.namespace,
      message: `is already the namespace of ${apps[first]!.name}; each app deploys into its own namespace, which its deploy role may edit entirely`,
    });
  }
  apps.forEach((app, i) => {
    const path = ["apps", i, "namespace"];
    // "Avoid creating namespaces with the prefix kube-, since it is reserved for Kubernetes
    // system namespaces" (Kubernetes docs, Namespaces); default holds what has no namespace.
    if (app.namespace.startsWith("kube-") || app.namespace === "default") {
      problems.push({
        path,
        value: app.namespace,
        message: "is a Kubernetes system namespace; deploy the app into its own namespace",
      });
    } else if (context.platformNamespaces.includes(app.namespace)) {
      problems.push({
        path,
        value: app.namespace,
        message:
          "is a namespace the platform runs in; the app's deploy role would get edit access to it. Use the app's own namespace",
      });
    }
    const names = deliveryBucketNames(context.namePrefix, app.name, context.accountId);
    const longest = [names.artifacts, names.accessLogs].sort((a, b) => b.length - a.length)[0]!;
    if (longest.length > MAX_BUCKET_NAME) {
      const room = app.name.length - (longest.length - MAX_BUCKET_NAME);
      problems.push({
        path: ["apps", i, "name"],
        value: app.name,
        message: `makes the bucket name ${longest} ${longest.length} characters; S3 allows ${MAX_BUCKET_NAME}: use an app name of at most ${room} characters`,
      });
    }
  });
  for (const { index, value } of duplicates(delivery.notificationEmails)) {
    problems.push({
      path: ["notificationEmails", index],
      value,
      message: "is listed twice; SNS keeps one subscription per address",
    });
  }
  return problems;
}
