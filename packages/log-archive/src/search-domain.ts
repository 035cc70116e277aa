/**
 * An Amazon OpenSearch Service domain in private subnets of the archive account: fine-grained
 * access control with an IAM master role (no internal user database), encryption at rest with its
 * own key and node to node, HTTPS only with TLS 1.2+ and forward secrecy, zone awareness over the
 * subnets' zones, gp3 volumes, and its application, slow and audit logs in an encrypted log group.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup } from "@platform/core";
import { domainAccessPolicy, domainArn, domainLogsResourcePolicy } from "./search-policies";
import { searchKey, searchSecurityGroup } from "./search-common";
import type { SearchDomainConfig } from "./search-schema";

/**
 * TLS 1.2 to 1.3 with perfect-forward-secrecy ciphers, the strictest value the API accepts
 * (OpenSearch Service API reference, DomainEndpointOptions, TLSSecurityPolicy:
 * https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html).
 */
export const DOMAIN_TLS_POLICY = "Policy-Min-TLS-1-2-PFS-2023-10";

/** Logs the domain publishes (AUDIT_LOGS needs fine-grained access control, which is on). */
export const DOMAIN_LOG_TYPES = [
  "ES_APPLICATION_LOGS",
  "INDEX_SLOW_LOGS",
  "SEARCH_SLOW_LOGS",
  "AUDIT_LOGS",
] as const;

export interface SearchDomainArgs {
  readonly config: SearchDomainConfig;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Children: `<name>-key`, `<name>` (security group, its `-https-<i>` rules, the domain),
 * `<name>-logs` (encrypted log group and the logs resource policy).
 */
export function searchDomain(
  name: string,
  args: SearchDomainArgs,
  opts: pulumi.CustomResourceOptions,
): aws.opensearch.Domain {
  const { config, accountId, region } = args;
  const protect = config.protect;
  const arn = domainArn(region, accountId, config.domainName);
  const key = searchKey(
    `${name}-key`,
    {
      description: `Encrypts OpenSearch domain ${config.domainName} at rest`,
      service: "es",
      accountId,
      region,
      protect,
    },
    opts,
  );
  const sg = searchSecurityGroup(
    name,
    {
      vpcId: config.vpcId,
      allowedCidrs: config.allowedCidrs,
      description: `HTTPS to OpenSearch domain ${config.domainName}`,
      tagName: `${config.domainName}-search`,
    },
    opts,
  );
  const logs = new EncryptedLogGroup(
    `${name}-logs`,
    {
      logGroupName: `/aws/opensearch/${config.domainName}`,
      retentionInDays: config.logRetentionInDays,
      accountId,
      region,
      protect,
    },
    opts,
  );
  // AWS checks the group's resource policy when log publishing is set: it must exist first.
  const logsPolicy = new aws.cloudwatch.LogResourcePolicy(
    `${name}-logs`,
    {
      policyName: `opensearch-${config.domainName}`,
      policyDocument: logs.logGroup.arn.apply((groupArn) =>
        JSON.stringify(domainLogsResourcePolicy(groupArn, accountId, arn)),
      ),
    },
    opts,
  );
  const zones = config.subnetIds.length;
  const masters = config.dedicatedMaster;
  return new aws.opensearch.Domain(
    name,
    {
      domainName: config.domainName,
      engineVersion: config.engineVersion,
      clusterConfig: {
        instanceType: config.instanceType,
        instanceCount: config.instanceCount,
        zoneAwarenessEnabled: true,
        zoneAwarenessConfig: { availabilityZoneCount: zones },
        dedicatedMasterEnabled: masters !== undefined,
        ...(masters
          ? { dedicatedMasterType: masters.instanceType, dedicatedMasterCount: masters.count }
          : {}),
      },
      ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: config.volumeSizeGb },
      vpcOptions: { subnetIds: [...config.subnetIds], securityGroupIds: [sg.id] },
      encryptAtRest: { enabled: true, kmsKeyId: key.arn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: DOMAIN_TLS_POLICY },
      advancedSecurityOptions: {
        enabled: true,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: config.masterUserRoleArn },
      },
      accessPolicies: JSON.stringify(
        domainAccessPolicy(arn, [config.masterUserRoleArn, ...config.accessRoleArns]),
      ),
      logPublishingOptions: DOMAIN_LOG_TYPES.map((logType) => ({
        logType,
        enabled: true,
        cloudwatchLogGroupArn: logs.logGroup.arn,
      })),
    },
    { ...opts, protect, dependsOn: [logsPolicy] },
  );
}
