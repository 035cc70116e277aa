/** Every preflight rule, in the order the plan runs them. */
import { awsAlarms } from "./aws/alarms";
import { awsCidrs } from "./aws/cidr";
import { dnsEdge } from "./aws/dns-edge";
import { awsEncryption } from "./aws/encryption";
import { flowLogOptions } from "./aws/flow-logs";
import { logArchive } from "./aws/log-archive";
import { logSubscriptions } from "./aws/log-subscriptions";
import { awsNames } from "./aws/names";
import { awsQuotas } from "./aws/quotas";
import { s3Lifecycle } from "./aws/s3-lifecycle";
import { awsTags } from "./aws/tags";
import { iamDeployPermissions } from "./permissions/deploy";
import { supportEks } from "./calendar/eks";
import { supportPinned } from "./calendar/pinned";
import { supportVelero } from "./calendar/velero";
import { k8sProviderAccess } from "./kubernetes/access";
import { k8sCrds } from "./kubernetes/crds";
import { k8sNetworkPolicyEnforced } from "./kubernetes/network-policy";
import { k8sReferences } from "./kubernetes/references";
import { k8sSchedulable } from "./kubernetes/scheduling";
import { k8sSchema } from "./kubernetes/schema";
import type { Rule } from "./types";

export const RULES: readonly Rule[] = [
  iamDeployPermissions,
  flowLogOptions,
  s3Lifecycle,
  awsNames,
  awsTags,
  awsCidrs,
  awsQuotas,
  awsEncryption,
  awsAlarms,
  dnsEdge,
  logSubscriptions,
  logArchive,
  k8sCrds,
  k8sSchema,
  k8sReferences,
  k8sSchedulable,
  k8sProviderAccess,
  k8sNetworkPolicyEnforced,
  supportPinned,
  supportEks,
  supportVelero,
];
