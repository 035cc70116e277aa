/**
 * The log archive's checks across values, pure: each returns `Problem[]` (path relative to the
 * block it is given) and runs in its schema's superRefine, so a stack reports them against its
 * own key before any resource exists.
 */
import type { Problem } from "@platform/core";
import { archiveLifecycleFindings } from "./lifecycle";
import type {
  AlertingConfig,
  ArchiveStorageConfig,
  CollectionConfig,
  ForwarderConfig,
  LogSubscriptionConfig,
  SearchIndexConfig,
} from "./schema";
import type { SearchDomainConfig, SearchServerlessConfig } from "./search-schema";

/**
 * The lifecycle is in an order S3 accepts (lifecycle.ts), and expiry does not come before the
 * Object Lock retention: a locked version cannot be deleted before its retention date, so such an
 * expiry would only add a delete marker and keep paying for the version.
 */
export function archiveStorageProblems(
  cfg: Pick<ArchiveStorageConfig, "lifecycle" | "objectLock">,
): Problem[] {
  const problems: Problem[] = archiveLifecycleFindings(cfg.lifecycle)
    .filter((f) => f.severity === "error")
    .map((f) => ({ path: ["lifecycle", f.key], value: f.value, message: f.message }));
  if (cfg.lifecycle.expireDays < cfg.objectLock.days)
    problems.push({
      path: ["lifecycle", "expireDays"],
      value: cfg.lifecycle.expireDays,
      message: `objects are locked for ${cfg.objectLock.days} days (objectLock.days), so they cannot expire earlier; use ${cfg.objectLock.days} or more, or shorten objectLock.days`,
    });
  return problems;
}

/** Firehose BufferingHints bounds (Amazon Data Firehose API reference, BufferingHints). */
export const FIREHOSE_BUFFER_SIZE_MB = { min: 1, max: 128 } as const;
export const FIREHOSE_BUFFER_INTERVAL_S = { min: 0, max: 900 } as const;

/**
 * Someone may subscribe (the destination policy needs a principal: accounts or the organisation),
 * and the buffering hints are within Firehose's bounds.
 */
export function collectionProblems(
  cfg: Pick<
    CollectionConfig,
    "sourceAccounts" | "organizationId" | "bufferingSizeMb" | "bufferingIntervalSeconds"
  >,
): Problem[] {
  const problems: Problem[] = [];
  if (cfg.sourceAccounts.length === 0 && cfg.organizationId === undefined)
    problems.push({
      path: ["sourceAccounts"],
      value: cfg.sourceAccounts,
      message:
        "no account may subscribe to the destination; list the accounts whose logs ship here, or give organizationId",
    });
  const bounds = [
    ["bufferingSizeMb", FIREHOSE_BUFFER_SIZE_MB, "MiB"],
    ["bufferingIntervalSeconds", FIREHOSE_BUFFER_INTERVAL_S, "seconds"],
  ] as const;
  for (const [key, { min, max }, unit] of bounds)
    if (cfg[key] < min || cfg[key] > max)
      problems.push({
        path: [key],
        value: cfg[key],
        message: `Firehose buffers ${min}-${max} ${unit}; use a value in that range`,
      });
  return problems;
}

/**
 * Firehose's bounds for an OpenSearch (and OpenSearch Serverless) destination: buffer 1-100 MiB
 * and 0-900 s, retry 0-7200 s (Firehose API, AmazonopensearchserviceBufferingHints,
 * AmazonopensearchserviceRetryOptions), index name 1-80 characters (IndexName).
 */
export const SEARCH_BUFFER_SIZE_MB = { min: 1, max: 100 } as const;
export const SEARCH_BUFFER_INTERVAL_S = { min: 0, max: 900 } as const;
export const SEARCH_RETRY_S = { min: 0, max: 7200 } as const;
export const INDEX_NAME_MAX = 80;

/**
 * Why OpenSearch would refuse an index name, or undefined: lower case only, none of
 * `\ / * ? " < > | , #`, `:` or spaces, not starting with `_`, `-` or `+`, not `.` or `..`
 * (OpenSearch "Create index", index naming restrictions,
 * https://docs.opensearch.org/latest/api-reference/index-apis/create-index/).
 */
export function indexNameFault(name: string): string | undefined {
  if (name.length === 0 || name.length > INDEX_NAME_MAX)
    return `Firehose takes an index name of 1-${INDEX_NAME_MAX} characters`;
  if (name !== name.toLowerCase()) return "index names are lower case";
  if (/[\\/*?"<>|,#:\s]/.test(name))
    return 'index names contain no spaces and none of \\ / * ? " < > | , # :';
  if (/^[_\-+]/.test(name)) return "index names do not start with _, - or +";
  if (name === "." || name === "..") return "an index cannot be named . or ..";
  return undefined;
}

/** The index name is one OpenSearch accepts; buffering and retry are within Firehose's bounds. */
export function searchIndexProblems(cfg: SearchIndexConfig): Problem[] {
  const problems: Problem[] = [];
  const fault = indexNameFault(cfg.indexName);
  if (fault)
    problems.push({
      path: ["indexName"],
      value: cfg.indexName,
      message: `${fault}; use e.g. cloudwatch-logs`,
    });
  const bounds = [
    ["bufferingSizeMb", SEARCH_BUFFER_SIZE_MB, "Firehose buffers 1-100 MiB for OpenSearch"],
    ["bufferingIntervalSeconds", SEARCH_BUFFER_INTERVAL_S, "Firehose buffers 0-900 seconds"],
    ["retrySeconds", SEARCH_RETRY_S, "Firehose retries OpenSearch delivery for 0-7200 seconds"],
  ] as const;
  for (const [key, { min, max }, what] of bounds)
    if (cfg[key] < min || cfg[key] > max)
      problems.push({
        path: [key],
        value: cfg[key],
        message: `${what}; use a value from ${min} to ${max}`,
      });
  return problems;
}

/** Each source bucket once (one notification target per bucket and event). */
export function forwarderProblems(cfg: Pick<ForwarderConfig, "sourceBuckets">): Problem[] {
  const seen = new Set<string>();
  return cfg.sourceBuckets.flatMap((b, i) => {
    if (!seen.has(b.bucketName)) {
      seen.add(b.bucketName);
      return [];
    }
    return [
      {
        path: ["sourceBuckets", i, "bucketName"],
        value: b.bucketName,
        message: "is listed twice; give each bucket once with its format",
      },
    ];
  });
}

export const DESTINATION_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:destination:[^:*]+$/;
/** The subscription filter policy's selection criteria exclude at most 50 log groups. */
export const MAX_EXCLUDED_LOG_GROUPS = 50;

/** The destination is a CloudWatch Logs destination ARN; the exclusions fit the policy. */
export function subscriptionProblems(
  cfg: Pick<LogSubscriptionConfig, "destinationArn" | "excludeLogGroups">,
): Problem[] {
  const problems: Problem[] = [];
  if (!DESTINATION_ARN.test(cfg.destinationArn))
    problems.push({
      path: ["destinationArn"],
      value: cfg.destinationArn,
      message:
        "expected a CloudWatch Logs destination ARN, arn:aws:logs:<region>:<account>:destination:<name> (the log-archive stack's destinationArn output)",
    });
  if (cfg.excludeLogGroups.length > MAX_EXCLUDED_LOG_GROUPS)
    problems.push({
      path: ["excludeLogGroups"],
      value: cfg.excludeLogGroups.length,
      message: `a subscription filter policy excludes at most ${MAX_EXCLUDED_LOG_GROUPS} log groups; exclude fewer`,
    });
  return problems;
}

/** Each subnet once, and no CIDR that opens the endpoint to the internet. */
function endpointProblems(cfg: { subnetIds: readonly string[]; allowedCidrs: readonly string[] }) {
  const problems: Problem[] = [];
  cfg.subnetIds.forEach((id, i) => {
    if (cfg.subnetIds.indexOf(id) !== i)
      problems.push({
        path: ["subnetIds", i],
        value: id,
        message: "is listed twice; give each subnet once",
      });
  });
  cfg.allowedCidrs.forEach((cidr, i) => {
    if (cidr === "0.0.0.0/0")
      problems.push({
        path: ["allowedCidrs", i],
        value: cidr,
        message:
          "opens the search endpoint to any address; list the networks of the people and services that query it",
      });
  });
  return problems;
}

/** Above this many data nodes a domain needs dedicated master nodes (searchDomainProblems). */
export const MAX_DATA_NODES_WITHOUT_MASTERS = 10;

/**
 * A VPC domain with zone awareness uses one subnet per zone, and its zone count (2 or 3) must
 * equal the number of subnets (OpenSearch Service API, ZoneAwarenessConfig: "If your domain is
 * provisioned within a VPC, this value be equal to number of subnets"). Data nodes are spread
 * evenly over the zones, so their count is a multiple of the zone count ("Configuring a multi-AZ
 * domain", https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html).
 * Dedicated masters: an odd number, 3 or 5, so a quorum survives a zone ("Dedicated master nodes",
 * https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html),
 * and required above 10 data nodes ("Creating and managing Amazon OpenSearch Service domains",
 * dedicated master nodes "are required for domains that have instance counts greater than 10",
 * https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createupdatedomains.html).
 */
export function searchDomainProblems(
  cfg: Pick<SearchDomainConfig, "subnetIds" | "allowedCidrs" | "instanceCount" | "dedicatedMaster">,
): Problem[] {
  const problems = endpointProblems(cfg);
  const zones = cfg.subnetIds.length;
  if (zones !== 2 && zones !== 3)
    problems.push({
      path: ["subnetIds"],
      value: cfg.subnetIds,
      message: `a zone-aware domain uses 2 or 3 Availability Zones, one subnet each, not ${zones}; give 2 or 3 private subnets in different zones`,
    });
  else if (cfg.instanceCount < zones || cfg.instanceCount % zones !== 0)
    problems.push({
      path: ["instanceCount"],
      value: cfg.instanceCount,
      message: `data nodes are spread evenly over the ${zones} zones (subnetIds); use a multiple of ${zones}, e.g. ${Math.max(zones, Math.ceil(cfg.instanceCount / zones) * zones)}`,
    });
  const masters = cfg.dedicatedMaster?.count;
  if (masters === undefined && cfg.instanceCount > MAX_DATA_NODES_WITHOUT_MASTERS)
    problems.push({
      path: ["dedicatedMaster"],
      value: cfg.dedicatedMaster,
      message: `a domain of more than ${MAX_DATA_NODES_WITHOUT_MASTERS} data nodes needs dedicated master nodes (${cfg.instanceCount} here); give dedicatedMaster with count 3 or 5`,
    });
  if (masters !== undefined && masters !== 3 && masters !== 5)
    problems.push({
      path: ["dedicatedMaster", "count"],
      value: masters,
      message: "use 3 or 5 dedicated master nodes (an odd number keeps a quorum when a zone fails)",
    });
  return problems;
}

/** An OpenSearch Serverless VPC endpoint takes 1-6 subnets (CreateVpcEndpoint, subnetIds). */
export const SERVERLESS_ENDPOINT_SUBNETS = { min: 1, max: 6 } as const;

/** The endpoint's subnets are within what CreateVpcEndpoint accepts; the CIDRs are not open. */
export function searchServerlessProblems(
  cfg: Pick<SearchServerlessConfig, "subnetIds" | "allowedCidrs">,
): Problem[] {
  const problems = endpointProblems(cfg);
  const { min, max } = SERVERLESS_ENDPOINT_SUBNETS;
  if (cfg.subnetIds.length < min || cfg.subnetIds.length > max)
    problems.push({
      path: ["subnetIds"],
      value: cfg.subnetIds,
      message: `an OpenSearch Serverless VPC endpoint takes ${min}-${max} subnets; give between ${min} and ${max}`,
    });
  return problems;
}

/** Each subscription endpoint once (SNS keeps one subscription per protocol and endpoint). */
export function alertingProblems(cfg: Pick<AlertingConfig, "emails" | "webhooks">): Problem[] {
  const twice = (key: "emails" | "webhooks") =>
    cfg[key].flatMap((value, i) =>
      cfg[key].indexOf(value) === i
        ? []
        : [{ path: [key, i], value, message: "is listed twice; give each endpoint once" }],
    );
  return [...twice("emails"), ...twice("webhooks")];
}
