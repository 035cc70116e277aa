/**
 * Inputs whose change replaces the resource, per type (only types this platform creates), from
 * the AWS provider's and CloudFormation's documentation. The plan diff marks such changes as
 * replacements; component tests use it to prove upgrades do not replace anchors.
 */
export const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["cidrBlock"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "vpcId"],
  "aws:ec2/natGateway:NatGateway": ["subnetId", "allocationId"],
  "aws:ec2transitgateway/transitGateway:TransitGateway": ["amazonSideAsn"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["vpcId", "transitGatewayId"],
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": [
    "transitGatewayAttachmentId",
    "transitGatewayRouteTableId",
  ],
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": [
    "transitGatewayAttachmentId",
    "transitGatewayRouteTableId",
  ],
  "aws:ec2/customerGateway:CustomerGateway": ["bgpAsn", "ipAddress", "type"],
  "aws:directconnect/gateway:Gateway": ["amazonSideAsn"],
  // Replacement per the AWS provider/CloudFormation docs; vpcConfig.subnetIds conservatively.
  "aws:eks/cluster:Cluster": [
    "name",
    "roleArn",
    "kubernetesNetworkConfig",
    "outpostConfig",
    "bootstrapSelfManagedAddons",
    "accessConfig.bootstrapClusterCreatorAdminPermissions",
    "vpcConfig.subnetIds",
  ],
  "aws:eks/nodeGroup:NodeGroup": [
    "nodeGroupName",
    "clusterName",
    "subnetIds",
    "amiType",
    "capacityType",
    "instanceTypes",
  ],
  "aws:s3/bucket:Bucket": ["bucket"],
  "aws:iam/role:Role": ["name"],
};

/** Dotted paths of every leaf that differs between two input objects. */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
  if (a === b) return [];
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object";
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return [prefix || "(root)"];
  const out: string[] = [];
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...changedPaths(a[i], b[i], `${prefix}[${i}]`));
    return out;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
    out.push(...changedPaths(x[k], y[k], prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

/** Whether any of the changed input paths replaces a resource of this type. */
export function replaces(type: string, paths: readonly string[]): boolean {
  const triggers = REPLACE_ON[type] ?? [];
  return paths.some((p) =>
    triggers.some((t) => p === t || p.startsWith(`${t}.`) || p.startsWith(`${t}[`)),
  );
}
