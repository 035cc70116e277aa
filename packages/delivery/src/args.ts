/**
 * The delivery component's arguments, and the scope every concern module builds in. The
 * application's config (name, namespace, repository, branch; the connection and who hears of
 * failures) is the type inferred from `deliverySchema`; the rest is what the environment provides
 * at run time (the cluster, its network and providers, the account).
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { DeliveryApp, DeliveryConfig } from "./schema";

export interface AppDeliveryPipelineArgs {
  /**
   * The application as configured (an entry of `deliverySchema.apps`): its name (lower case, used
   * in resource names), the Kubernetes namespace it deploys to (the deploy role can touch only this
   * one), and the repository (`owner/name`) and branch the pipeline builds.
   */
  readonly app: Readonly<DeliveryApp>;
  /** `deliverySchema.connectionArn`: the existing CodeConnections (CodeStar) connection to the repository. */
  readonly connectionArn: DeliveryConfig["connectionArn"];
  /** `deliverySchema.notificationEmails`: subscribed to the topic for failure notifications. */
  readonly notificationEmails: readonly string[];
  readonly clusterName: pulumi.Input<string>;
  readonly clusterArn: pulumi.Input<string>;
  /**
   * Where the deploy project runs: the cluster's VPC and private subnets (its endpoint is
   * private), and the cluster security group, which gets HTTPS from the deploy project's group.
   */
  readonly network: {
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    readonly clusterSecurityGroupId: pulumi.Input<string>;
  };
  /** The cluster's Kubernetes provider: it creates the application's namespace. */
  readonly kubernetesProvider: k8s.Provider;
  /** A manual approval before the deploy stage (prod). */
  readonly requireApproval: boolean;
  /** Retention of the CodeBuild log group. */
  readonly logRetentionInDays: number;
  /** Helm release the deploy project installs. Default `v3.16.3`. */
  readonly helmVersion?: string;
  /** The environment's name, the prefix of every physical name. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** Protect the KMS keys and the log group (prod). */
  readonly protect?: boolean;
}

/** What every concern module builds with: children are `${name}-<role>`, parented to the component. */
export interface DeliveryScope {
  /** The component's logical name, the prefix of every child's. */
  readonly name: string;
  /** `<namePrefix>-<app>`: the prefix of the physical names. */
  readonly base: string;
  readonly args: AppDeliveryPipelineArgs;
  readonly child: { readonly parent: pulumi.Resource };
}
