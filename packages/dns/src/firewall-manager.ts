/**
 * `SecurityGroupAudit` (`platform:dns:SecurityGroupAudit`): a Firewall Manager security group
 * content audit of the NLB services' security groups across the organisation, by config where the
 * organisation has a Firewall Manager administrator account and the stack deploys there. The
 * policy compares every in-scope group (selected by `NlbService`'s tag, in the included accounts
 * or OUs) with one reference security group: an existing one, or one built from `referenceRules`
 * in the administrator account's VPC. Remediation is off by default: Firewall Manager reports the
 * non-compliant groups and changes nothing.
 * https://docs.aws.amazon.com/fms/2018-01-01/APIReference/API_SecurityServicePolicyData.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "@platform/core";
import { contentAuditServiceData, fmsAdminProblems } from "./firewall-manager-rules";
import type { FmsScope, ReferenceRule, SecurityGroupAuditConfigInput } from "./schema";
import { securityGroupAuditSchema } from "./schema";

export interface SecurityGroupAuditArgs {
  /** The audit, as `securityGroupAuditSchema` takes it. */
  readonly config: SecurityGroupAuditConfigInput;
  /** Names the policy and the reference group. */
  readonly namePrefix: string;
  /** The account the provider deploys to: must be `config.adminAccountId`. */
  readonly accountId: string;
  /** The administrator account's VPC the reference group is built in (with `referenceRules`). */
  readonly vpcId?: pulumi.Input<string>;
}

/** What `SecurityGroupAudit` refuses: the schema's problems, another account, no VPC for the rules. */
export function securityGroupAuditArgProblems(args: SecurityGroupAuditArgs): Problem[] {
  const parsed = securityGroupAuditSchema.safeParse(args.config);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({
      path: ["config", ...i.path.map(String)],
      value: i.input,
      message: i.message,
    }));
  const problems = fmsAdminProblems(parsed.data.adminAccountId, args.accountId).map((p) => ({
    ...p,
    path: ["config", ...p.path],
  }));
  if (parsed.data.referenceRules.length > 0 && args.vpcId === undefined)
    problems.push({
      path: ["vpcId"],
      value: undefined,
      message:
        "the reference security group built from referenceRules needs the administrator account's VPC; give vpcId, or referenceSecurityGroupId instead of the rules",
    });
  return problems;
}

/** The policy's include/exclude map input. */
const scopeMap = (scope: FmsScope | undefined) =>
  scope && { accounts: scope.accounts, orgunits: scope.orgUnits };

export class SecurityGroupAudit extends pulumi.ComponentResource {
  public readonly policyId: pulumi.Output<string>;
  public readonly policyArn: pulumi.Output<string>;
  /** The reference security group the in-scope groups are compared with. */
  public readonly referenceSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SecurityGroupAuditArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dns:SecurityGroupAudit", name, {}, opts);
    const problems = securityGroupAuditArgProblems(args);
    if (problems.length)
      throw new pulumi.ResourceError(
        `invalid security group audit:\n  ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n  ")}`,
        this,
      );
    const config = securityGroupAuditSchema.parse(args.config);
    const child = { parent: this };

    const reference =
      config.referenceSecurityGroupId !== undefined
        ? pulumi.output(config.referenceSecurityGroupId)
        : this.referenceGroup(name, args, config.referenceRules).id;

    const policy = new aws.fms.Policy(
      `${name}-policy`,
      {
        name: `${args.namePrefix}-nlb-sg-content-audit`,
        // PolicyDescription takes letters, digits, spaces and _.:/=+-@ (API_Policy).
        description: `NLB service security groups audited ${config.action} against the reference group of ${args.namePrefix}`,
        // One type: a list of one is refused by the provider (resourceTypeLists).
        resourceType: "AWS::EC2::SecurityGroup",
        resourceTags: config.resourceTags,
        excludeResourceTags: false,
        includeMap: scopeMap(config.include),
        excludeMap: scopeMap(config.exclude),
        remediationEnabled: config.remediation,
        securityServicePolicyData: {
          type: "SECURITY_GROUPS_CONTENT_AUDIT",
          managedServiceData: reference.apply((id) => contentAuditServiceData(id, config.action)),
        },
      },
      child,
    );

    this.policyId = policy.id;
    this.policyArn = policy.arn;
    this.referenceSecurityGroupId = reference;
    this.registerOutputs({
      policyId: this.policyId,
      policyArn: this.policyArn,
      referenceSecurityGroupId: this.referenceSecurityGroupId,
    });
  }

  /**
   * The reference group, rules only from config: the provider removes the default allow-all
   * egress of a new group, so the group holds exactly these rules.
   */
  private referenceGroup(
    name: string,
    args: SecurityGroupAuditArgs,
    rules: readonly ReferenceRule[],
  ): aws.ec2.SecurityGroup {
    const child = { parent: this };
    const group = new aws.ec2.SecurityGroup(
      `${name}-reference`,
      {
        vpcId: args.vpcId!,
        description: `Reference of the Firewall Manager audit of NLB services (${args.namePrefix})`,
        tags: { Name: `${args.namePrefix}-nlb-sg-audit-reference` },
      },
      child,
    );
    rules.forEach((rule, i) => {
      const inputs = {
        securityGroupId: group.id,
        ipProtocol: rule.protocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort ?? rule.fromPort,
        cidrIpv4: rule.cidr,
        prefixListId: rule.prefixListId,
        description: rule.description,
      };
      if (rule.direction === "ingress")
        new aws.vpc.SecurityGroupIngressRule(`${name}-reference-in-${i}`, inputs, child);
      else new aws.vpc.SecurityGroupEgressRule(`${name}-reference-out-${i}`, inputs, child);
    });
    return group;
  }
}
