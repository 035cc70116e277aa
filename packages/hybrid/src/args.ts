import type * as pulumi from "@pulumi/pulumi";
import type { AddressPlan } from "./prefixes";
import type { HybridConfig } from "./schema";

/** The component's arguments: the validated config section and what the hub provides at runtime. */
export interface HybridConnectivityArgs {
  /**
   * The hybrid section as `hybridSchema` validated it (defaults applied). Its `segment` is the
   * caller's: it resolves it to `hybridRouteTableId` and `propagateRouteTableIds`.
   */
  readonly config: Omit<HybridConfig, "segment">;
  /** The Transit Gateway's Amazon-side ASN (what VPN BGP peers with; DX must use another). */
  readonly transitGatewayAsn: number;
  readonly addressPlan: AddressPlan;
  /**
   * CIDRs of the VPCs the hub attaches inside the shared-services ranges (the shared-services VPC).
   * Only the ranges holding one are advertised to on-premises: the others have no route.
   */
  readonly attachedSharedVpcs: readonly string[];
  /** Whether the hybrid segment summarises spokes (see @platform/transit-gateway). */
  readonly hybridSummarises: boolean;
  readonly transitGatewayId: pulumi.Input<string>;
  /** The hybrid segment's route table: DX and VPN attachments associate with it. */
  readonly hybridRouteTableId: pulumi.Input<string>;
  /** Tables of the segments allowed to reach on-premises: DX and VPN propagate into them. */
  readonly propagateRouteTableIds: Readonly<Record<string, pulumi.Input<string>>>;
  /** BGP MD5 key of the transit VIF (a secret); required with `config.directConnect`. */
  readonly dxBgpAuthKey?: pulumi.Input<string>;
  /** Pre-shared keys per device, tunnel 1 and 2 (secrets). */
  readonly preSharedKeys: Readonly<
    Record<string, readonly [pulumi.Input<string>, pulumi.Input<string>]>
  >;
  /** Names: `<namePrefix>-dxgw`, `<namePrefix>-<device>`, alarms `<namePrefix>-<alarm>`. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** Protect the DX gateway, the VIF, the topic's key and the tunnel log groups (prod). */
  readonly protect?: boolean;
}
