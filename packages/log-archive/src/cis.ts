/**
 * The security baseline's CloudTrail metric filters (pure): the patterns of the CIS AWS
 * Foundations Benchmark's monitoring section as AWS Security Hub's CloudWatch controls check them.
 * Source: AWS Security Hub User Guide, "Security Hub controls for CloudWatch"
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html),
 * controls CloudWatch.1-14 (each gives the filter pattern it expects).
 */

export interface SecurityAlarm {
  /** Short id, part of the metric, filter and alarm names. */
  readonly id: string;
  readonly description: string;
  readonly pattern: string;
}

const anyEvent = (names: readonly string[]) =>
  names.map((n) => `($.eventName = ${n})`).join(" || ");

export const SECURITY_ALARMS: readonly SecurityAlarm[] = [
  {
    id: "root-account-use",
    description: "The root user was used (CloudWatch.1)",
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: "unauthorized-api-calls",
    description: "API calls were refused for lack of permission (CloudWatch.2)",
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  },
  {
    id: "console-signin-without-mfa",
    description: "An IAM user signed in to the console without MFA (CloudWatch.3)",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: "iam-policy-changes",
    description: "An IAM policy was created, changed, attached or detached (CloudWatch.4)",
    pattern: `{ ${anyEvent([
      "DeleteGroupPolicy",
      "DeleteRolePolicy",
      "DeleteUserPolicy",
      "PutGroupPolicy",
      "PutRolePolicy",
      "PutUserPolicy",
      "CreatePolicy",
      "DeletePolicy",
      "CreatePolicyVersion",
      "DeletePolicyVersion",
      "AttachRolePolicy",
      "DetachRolePolicy",
      "AttachUserPolicy",
      "DetachUserPolicy",
      "AttachGroupPolicy",
      "DetachGroupPolicy",
    ])} }`,
  },
  {
    id: "cloudtrail-changes",
    description: "A trail was created, changed, started or stopped (CloudWatch.5)",
    pattern: `{ ${anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }`,
  },
  {
    id: "kms-key-disabled-or-deleted",
    description: "A customer managed key was disabled or scheduled for deletion (CloudWatch.7)",
    pattern:
      "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
  },
  {
    id: "security-group-changes",
    description: "A security group was created, changed or deleted (CloudWatch.10)",
    pattern: `{ ${anyEvent([
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ])} }`,
  },
  {
    id: "nacl-changes",
    description: "A network ACL was created, changed or deleted (CloudWatch.11)",
    pattern: `{ ${anyEvent([
      "CreateNetworkAcl",
      "CreateNetworkAclEntry",
      "DeleteNetworkAcl",
      "DeleteNetworkAclEntry",
      "ReplaceNetworkAclEntry",
      "ReplaceNetworkAclAssociation",
    ])} }`,
  },
  {
    id: "route-table-changes",
    description: "A route table or route was created, changed or deleted (CloudWatch.13)",
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent([
      "CreateRoute",
      "CreateRouteTable",
      "ReplaceRoute",
      "ReplaceRouteTableAssociation",
      "DeleteRouteTable",
      "DeleteRoute",
      "DisassociateRouteTable",
    ])}) }`,
  },
  {
    id: "vpc-changes",
    description: "A VPC or peering connection was created, changed or deleted (CloudWatch.14)",
    pattern: `{ ${anyEvent([
      "CreateVpc",
      "DeleteVpc",
      "ModifyVpcAttribute",
      "AcceptVpcPeeringConnection",
      "CreateVpcPeeringConnection",
      "DeleteVpcPeeringConnection",
      "RejectVpcPeeringConnection",
      "AttachClassicLinkVpc",
      "DetachClassicLinkVpc",
      "DisableVpcClassicLink",
      "EnableVpcClassicLink",
    ])} }`,
  },
];

/** The namespace of the security metrics. */
export const SECURITY_NAMESPACE = "Platform/Security";
