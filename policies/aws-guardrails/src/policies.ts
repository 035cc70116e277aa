// Every AWS policy of the pack, constructed from its factory. This module does not construct the
// PolicyPack, so tests and the offline plan can import it without starting the analyzer server.
import type { Policies } from "@pulumi/policy";
import { codebuildHardening } from "./delivery";
import { nlbSecurityGroupsAndLogs, publicZoneDnssec, resolverEndpointNotOpen } from "./dns";
import {
  eksBackupPresent,
  eksControlPlaneLogging,
  eksPrivateEndpoint,
  eksSecretsEncryption,
  eksSupportedVersion,
} from "./eks";
import { dxVpnRedundancy, hybridAlarms, vpnTunnelCrypto, vpnTunnelLogging } from "./hybrid";
import { archiveBucketLocked, cloudtrailProtected, logGroupSubscribed } from "./logging";
import { iamNoAdmin, iamNoWildcards, iamRoleScope } from "./iam";
import {
  sgNoOpenAdminPorts,
  sgRuleManagementConflicts,
  subnetNoAutoPublicIp,
  vpcCidrNoOverlap,
  vpcDefaultSgClosed,
  vpcFlowLogs,
} from "./network";
import { tgwExplicitRouteTables, tgwNoAutoAccept, tgwSegmentIsolation } from "./transit";
import { opensearchNeverPublic } from "./search";
import { statefulProtected } from "./stateful";
import {
  kmsRotation,
  logGroupRetentionKms,
  s3AccessLogging,
  s3Encryption,
  s3PublicAccessBlock,
  s3Versioning,
} from "./storage";

export const awsPolicies: Policies = [
  vpcFlowLogs(),
  vpcDefaultSgClosed(),
  sgNoOpenAdminPorts(),
  sgRuleManagementConflicts(),
  subnetNoAutoPublicIp(),
  tgwNoAutoAccept(),
  tgwExplicitRouteTables(),
  tgwSegmentIsolation(),
  vpcCidrNoOverlap(),
  vpnTunnelCrypto(),
  vpnTunnelLogging(),
  dxVpnRedundancy(),
  hybridAlarms(),
  eksPrivateEndpoint(),
  eksSecretsEncryption(),
  eksControlPlaneLogging(),
  eksSupportedVersion(),
  eksBackupPresent(),
  s3PublicAccessBlock(),
  s3Encryption(),
  s3Versioning(),
  s3AccessLogging(),
  kmsRotation(),
  logGroupRetentionKms(),
  codebuildHardening(),
  iamNoAdmin(),
  iamNoWildcards(),
  iamRoleScope(),
  statefulProtected(),
  resolverEndpointNotOpen(),
  nlbSecurityGroupsAndLogs(),
  publicZoneDnssec(),
  logGroupSubscribed(),
  cloudtrailProtected(),
  archiveBucketLocked(),
  opensearchNeverPublic(),
];

export const PACK = {
  name: "aws-guardrails",
  policies: awsPolicies,
  enforcementLevel: "advisory" as const,
};
