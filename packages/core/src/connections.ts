/**
 * CodeConnections (formerly CodeStar Connections) ARNs come with two service prefixes: connections
 * created before 1 July 2024 are `arn:aws:codestar-connections:...`, later ones
 * `arn:aws:codeconnections:...`. "When specifying a resource in the IAM policy, the service prefix
 * needs to match that of the resource" (Developer Tools console User Guide, "Identity and access
 * management for AWS CodeStar Notifications and AWS CodeConnections"), so a policy names the
 * actions under the prefix of the connection's own ARN.
 */

const CONNECTION_ARN =
  /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/;

export function isConnectionArn(arn: string): boolean {
  return CONNECTION_ARN.test(arn);
}

/** `actions` (e.g. ["UseConnection"]) under the service prefix of `connectionArn`. */
export function connectionActions(connectionArn: string, actions: readonly string[]): string[] {
  const prefix = CONNECTION_ARN.exec(connectionArn)?.[1];
  if (!prefix)
    throw new Error(
      `${connectionArn} is not a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<id>)`,
    );
  return actions.map((a) => `${prefix}:${a}`);
}
