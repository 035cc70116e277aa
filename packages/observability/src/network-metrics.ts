/**
 * The DX and VPN metrics live in the network account (the hub's HybridConnectivity); each
 * environment's Grafana reads them through a read-only role there:
 *
 * - the network stack creates `networkMetricsReadRole` (a `scopedRole`, `stack-*` name, workload
 *   boundary) trusted by the environment accounts, but only for principals whose ARN is a Grafana
 *   role of this component (`aws:PrincipalArn`, GRAFANA_ROLE_NAME_PATTERN);
 * - the hub exports its ARN (hub contract `networkMetrics`), which the environment hands to the
 *   Observability component: Grafana's Pod Identity role may `sts:AssumeRole` that ARN only, and
 *   the "CloudWatch (network)" datasource assumes it (datasources.ts).
 *
 * Cross-account access with a role: IAM User Guide, "Access to resources in other accounts",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html;
 * aws:PrincipalArn: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn.
 * No sts:ExternalId: it guards a third party that assumes roles for many customers (the confused
 * deputy); here the caller is our own role, pinned by account and ARN, and an external id would sit
 * in the datasource's config in clear anyway.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { scopedRole, WORKLOAD_NAME_PREFIX } from "@platform/core";
import { cloudwatchRead } from "./identity";

type Statement = { Effect: "Allow"; Action: string | string[]; Resource: string | string[] };

/**
 * IAM name of every Grafana role this component creates: `podRole(<component name>, "grafana")`
 * under `scopedRole`, with the environment blueprint naming the component `<env>-observability`.
 * Environment names have at most 21 characters (core `nameSchema`), so the name stays within
 * IAM's 64 and `workloadIamName` never shortens it with a hash (which would break the pattern).
 */
export const GRAFANA_ROLE_NAME_PATTERN = `${WORKLOAD_NAME_PREFIX}*-observability-grafana`;

/** Logical (and, with the `stack-` prefix, IAM) name of the network account's read role. */
export const NETWORK_METRICS_ROLE = "network-metrics-read";

/**
 * Trust: the environment accounts, and within them only principals whose ARN matches the Grafana
 * role pattern (an account-root principal alone would admit any role its admins allow).
 */
export function networkMetricsTrustPolicy(accountIds: readonly string[]): string {
  if (accountIds.length === 0)
    throw new Error("networkMetricsTrustPolicy: no environment account to trust");
  const ids = [...new Set(accountIds)].sort();
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnvironmentGrafana",
        Effect: "Allow",
        Principal: { AWS: ids.map((id) => `arn:aws:iam::${id}:root`) },
        Action: "sts:AssumeRole",
        Condition: {
          ArnLike: {
            "aws:PrincipalArn": ids.map(
              (id) => `arn:aws:iam::${id}:role/${GRAFANA_ROLE_NAME_PATTERN}`,
            ),
          },
        },
      },
    ],
  });
}

/**
 * Read-only CloudWatch for the network account: the same reads as Grafana's own (identity.ts
 * `cloudwatchRead`: AWS's AmazonGrafanaCloudWatchAccess metric and alarm reads, alarms scoped to
 * the account), in the network account.
 */
export function networkMetricsReadStatements(account: {
  accountId: string;
  region: string;
}): Statement[] {
  return cloudwatchRead(account);
}

/** What Grafana's role adds to assume the network account's read role: that ARN, nothing else. */
export function assumeNetworkMetricsStatement(roleArn: string): Statement {
  return { Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn };
}

/**
 * The accounts among RAM principals (the hub's `shareWith`: account ids, OU or organisation ARNs)
 * that the read role trusts: account ids only, since an OU's accounts are not known offline.
 */
export function metricsReaderAccounts(principals: readonly string[]): string[] {
  return [...new Set(principals.filter((p) => /^\d{12}$/.test(p)))].sort();
}

export interface NetworkMetricsReadRoleArgs {
  /** The environment accounts whose Grafana may read (the hub's RAM `shareWith`). */
  readonly trustedAccountIds: readonly string[];
  /** The network account and the region its DX/VPN metrics are in. */
  readonly accountId: string;
  readonly region: string;
}

/** The network account's read-only role (`stack-network-metrics-read`) and its inline policy. */
export function networkMetricsReadRole(
  args: NetworkMetricsReadRoleArgs,
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  const role = scopedRole(
    NETWORK_METRICS_ROLE,
    {
      description: "Environment Grafana reads DX/VPN CloudWatch metrics and alarms (read-only)",
      assumeRolePolicy: networkMetricsTrustPolicy(args.trustedAccountIds),
      accountId: args.accountId,
      region: args.region,
    },
    opts,
  );
  new aws.iam.RolePolicy(
    NETWORK_METRICS_ROLE,
    {
      role: role.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: networkMetricsReadStatements(args),
      }),
    },
    opts,
  );
  return role;
}
