/**
 * The network model the verification reasons about, independent of how it was built: Transit
 * Gateway route tables (one per segment) with their associations and routes, attachments (VPC,
 * Direct Connect, VPN), VPC routes to the Transit Gateway, and what on-premises advertises.
 */
export type AttachmentKind = "vpc" | "dx" | "vpn";

export interface Attachment {
  readonly id: string;
  readonly kind: AttachmentKind;
  /** The stack that created it (project/stack), for messages. */
  readonly stack: string;
  /** VPC attachments: the environment name (the VPC's Name tag) and the VPC's CIDR. */
  readonly environment?: string;
  readonly cidr?: string;
  /**
   * VPC attachments with an EKS cluster: whether its Kubernetes API endpoint is private only (the
   * deploy runner must reach it over the Transit Gateway) or public too.
   */
  readonly kubernetesApi?: "private" | "public";
  /** VPN attachments: the on-premises device and its tunnel count. */
  readonly device?: string;
  readonly tunnels?: number;
  /** The segment whose table the attachment is associated with. */
  readonly associatedWith?: string;
}

export type RouteOrigin = "static" | "propagated";

export interface TgwRoute {
  readonly table: string;
  readonly prefix: string;
  readonly attachment?: string;
  readonly origin: RouteOrigin;
  readonly blackhole?: boolean;
}

/** A propagation: the attachment's prefixes appear in the table while the attachment is up. */
export interface Propagation {
  readonly attachment: string;
  readonly table: string;
}

export interface VpcRoute {
  /** The VPC attachment whose VPC holds the route table. */
  readonly attachment: string;
  readonly routeTable: string;
  readonly prefix: string;
}

/** The runner environment stacks deploy from (the hub contract's deployRunner). */
export interface DeployRunner {
  readonly projectName: string;
  /** The subnets its builds run in: the source of its requests to the clusters. */
  readonly cidrs: readonly string[];
}

/**
 * Hybrid DNS (@platform/dns `HybridDns`, the hub contract's `dns`): the VPC attachment of the
 * shared-services VPC that holds both Resolver endpoints, the inbound endpoint's fixed addresses
 * (on-premises resolvers forward to them) and the on-premises resolvers the rules forward to.
 */
export interface HybridDnsModel {
  readonly attachment?: string;
  readonly inboundAddresses: readonly string[];
  readonly forwardTargets: readonly string[];
}

export interface NetworkModel {
  readonly segments: Readonly<Record<string, { readonly tier: string }>>;
  readonly attachments: readonly Attachment[];
  readonly staticRoutes: readonly TgwRoute[];
  readonly propagations: readonly Propagation[];
  readonly vpcRoutes: readonly VpcRoute[];
  /** What AWS advertises over Direct Connect (the association's allowed prefixes). */
  readonly dxAllowedPrefixes: readonly string[];
  /** What on-premises advertises to AWS (over DX and VPN alike). */
  readonly onPremises: readonly string[];
  readonly sharedServices: readonly string[];
  /** The allowed-prefix quota per DX gateway association (DX_ALLOWED_PREFIX_QUOTA from plans). */
  readonly allowedPrefixQuota: number;
  readonly deployRunner?: DeployRunner;
  readonly dns?: HybridDnsModel;
}

/**
 * Allowed prefixes per Direct Connect gateway association with a Transit Gateway: 200, AWS's quota
 * (https://docs.aws.amazon.com/directconnect/latest/UserGuide/limits.html). The hub's plan does not
 * carry its configured `hybrid.allowedPrefixQuota` (the network stack validates against that), so
 * a model built from plans checks against this one.
 */
export const DX_ALLOWED_PREFIX_QUOTA = 200;
