import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTopic, trafficOnVpnAlarm } from "./alarms";
import type { HybridConnectivityArgs } from "./args";
import { directConnect } from "./direct-connect";
import { routerConfig } from "./router-config";
import { connectivityProblems } from "./validate";
import { vpnConnection } from "./vpn";

export type { HybridConnectivityArgs } from "./args";

/**
 * Direct Connect (transit VIF on an existing connection, DX gateway, association with allowed
 * prefixes from the address plan) and one Site-to-Site VPN per on-premises device as failover,
 * both attached to the Transit Gateway, associated with the hybrid table and propagated into the
 * segments that reach on-premises; alarms on every tunnel, the DX connection and its BGP session,
 * and a composite alarm for "traffic is on VPN".
 */
export class HybridConnectivity extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  /** What the on-premises team configures on its routers (no secrets). */
  readonly routerConfig: pulumi.Output<unknown>;

  constructor(name: string, args: HybridConnectivityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:HybridConnectivity", name, {}, opts);
    const { config } = args;
    const problems = connectivityProblems(args);
    if (problems.length)
      throw new pulumi.ResourceError(
        `invalid hybrid connectivity:\n  ${problems.join("\n  ")}`,
        this,
      );

    const { topicArn, alarm } = alarmTopic(this, name, args);
    this.topicArn = topicArn;
    const dxAlarms: aws.cloudwatch.MetricAlarm[] = config.directConnect
      ? directConnect(this, name, args, config.directConnect, alarm)
      : [];
    const vpns = config.vpn.devices.map((device) => vpnConnection(this, name, args, device, alarm));
    trafficOnVpnAlarm(
      this,
      name,
      args,
      topicArn,
      dxAlarms,
      vpns.map((v) => v.downAlarm),
    );

    this.routerConfig = pulumi.all(vpns.map((v) => v.routerConfig)).apply((vpn) =>
      routerConfig({
        transitGatewayAsn: args.transitGatewayAsn,
        directConnect: config.directConnect,
        vpn,
        addressPlan: args.addressPlan,
        attachedSharedVpcs: args.attachedSharedVpcs,
        hybridSummarises: args.hybridSummarises,
      }),
    );
    this.registerOutputs({ topicArn: this.topicArn, routerConfig: this.routerConfig });
  }
}
