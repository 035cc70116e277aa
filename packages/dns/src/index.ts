export * from "./dnssec";
export * from "./health-checks";
export * from "./records";
export * from "./schema";
export * from "./validate";
export * from "./private-zone";
export * from "./resolver";
export * from "./query-logging";
export { groupProblems, MULTIVALUE_MAX_ANSWERS, recordGroups } from "./routing-rules";
export * from "./nlb";
export * from "./nlb-logs";
export { targetPorts } from "./nlb-security-group";
export {
  NLB_TLS_POLICY,
  nlbProdProblems,
  nlbSecurityGroupProblems,
  nlbServiceProblems,
} from "./nlb-rules";
export * from "./firewall-manager";
export {
  contentAuditServiceData,
  FMS_MAX_RESOURCE_TAGS,
  fmsAdminProblems,
  securityGroupAuditProblems,
} from "./firewall-manager-rules";
