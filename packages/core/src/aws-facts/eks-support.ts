/**
 * Amazon EKS Kubernetes version support calendar and add-on version facts (pure data and
 * functions, no imports), with sources. Config validation checks each cluster's version and add-ons against it
 * (`eksSupportProblems`, `eksAddonProblems`); preflight can import the same data. Dates are UTC
 * days: EKS bills extended support from the start of the end-of-standard-support day.
 *
 * Calendar source: Amazon EKS User Guide, "Understand the Kubernetes version lifecycle on EKS",
 * release calendar (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html,
 * source text in awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc).
 * 1.35's dates were read from endoflife.date/amazon-eks (which tracks that page) and match the
 * dates in issue 12; 1.36 is an EKS version (its kube-proxy add-on is listed) but its support
 * dates were not found in any source available here, so it is not in the calendar: using it fails
 * validation until its row is added with a source.
 */

export interface EksVersionSupport {
  /** Kubernetes minor version, e.g. "1.35". */
  readonly version: string;
  /** First day of extended support (billed); standard support ends the day before (UTC). */
  readonly endOfStandardSupport: string;
  /** Day extended support ends; EKS then upgrades the control plane itself (UTC). */
  readonly endOfExtendedSupport: string;
  readonly source: string;
}

const CALENDAR = "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html";

export const EKS_SUPPORT_CALENDAR: readonly EksVersionSupport[] = [
  {
    version: "1.29",
    endOfStandardSupport: "2025-03-23",
    endOfExtendedSupport: "2026-03-23",
    source: CALENDAR,
  },
  {
    version: "1.30",
    endOfStandardSupport: "2025-07-23",
    endOfExtendedSupport: "2026-07-23",
    source: CALENDAR,
  },
  {
    version: "1.31",
    endOfStandardSupport: "2025-11-26",
    endOfExtendedSupport: "2026-11-26",
    source: CALENDAR,
  },
  {
    version: "1.32",
    endOfStandardSupport: "2026-03-23",
    endOfExtendedSupport: "2027-03-23",
    source: CALENDAR,
  },
  {
    version: "1.33",
    endOfStandardSupport: "2026-07-29",
    endOfExtendedSupport: "2027-07-29",
    source: CALENDAR,
  },
  {
    version: "1.34",
    endOfStandardSupport: "2026-12-02",
    endOfExtendedSupport: "2027-12-02",
    source: CALENDAR,
  },
  {
    version: "1.35",
    endOfStandardSupport: "2027-03-27",
    endOfExtendedSupport: "2028-03-27",
    source: `${CALENDAR} (via https://endoflife.date/amazon-eks)`,
  },
];

/** Warn this many days before a version leaves standard support. */
export const STANDARD_SUPPORT_WARNING_DAYS = 56;

export type UpgradePolicy = "STANDARD" | "EXTENDED";

export interface SupportFinding {
  readonly severity: "error" | "warning";
  readonly message: string;
}

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const minor = (v: string) => Number(v.split(".")[1]);

export function eksVersionSupport(version: string): EksVersionSupport | undefined {
  return EKS_SUPPORT_CALENDAR.find((v) => v.version === version);
}

/** The newest version in the calendar that is in standard support on `today`. */
export function newestInStandardSupport(today: Date): EksVersionSupport | undefined {
  return [...EKS_SUPPORT_CALENDAR]
    .filter((v) => today.getTime() < day(v.endOfStandardSupport))
    .sort((a, b) => minor(b.version) - minor(a.version))[0];
}

/**
 * Whether a cluster on `version` with `upgradePolicy` is where it should be on `today`:
 * an error past standard support with STANDARD (EKS upgrades such a cluster itself) or past
 * extended support at all, naming the end date and the version to move to; a warning within
 * STANDARD_SUPPORT_WARNING_DAYS of the end of standard support, and while in extended support.
 */
export function eksSupportProblems(args: {
  readonly version: string;
  readonly upgradePolicy: UpgradePolicy;
  readonly today: Date;
}): SupportFinding[] {
  const { version, upgradePolicy, today } = args;
  const now = today.getTime();
  const target = newestInStandardSupport(today);
  const moveTo = (from: string) => {
    const next = `1.${minor(from) + 1}`;
    return target && target.version !== next
      ? `upgrade to ${next}, then one minor version at a time to ${target.version} (standard support until ${target.endOfStandardSupport})`
      : `upgrade to ${next}${target ? ` (standard support until ${target.endOfStandardSupport})` : ""}`;
  };
  const entry = eksVersionSupport(version);
  if (!entry)
    return [
      {
        severity: "error",
        message: `Kubernetes ${version} is not in the EKS support calendar (${EKS_SUPPORT_CALENDAR.map((v) => v.version).join(", ")}); use ${target?.version ?? "a calendar version"}, or add ${version} with its dates and source to EKS_SUPPORT_CALENDAR`,
      },
    ];
  if (now >= day(entry.endOfExtendedSupport))
    return [
      {
        severity: "error",
        message: `Kubernetes ${version} left EKS extended support on ${entry.endOfExtendedSupport} and EKS upgrades it without notice; ${moveTo(version)}`,
      },
    ];
  const standardEnd = day(entry.endOfStandardSupport);
  if (now >= standardEnd)
    return [
      upgradePolicy === "STANDARD"
        ? {
            severity: "error",
            message: `Kubernetes ${version} left EKS standard support on ${entry.endOfStandardSupport} and upgradePolicy is STANDARD, so EKS upgrades the cluster itself; ${moveTo(version)}`,
          }
        : {
            severity: "warning",
            message: `Kubernetes ${version} has been in (billed) EKS extended support since ${entry.endOfStandardSupport}, until ${entry.endOfExtendedSupport}; ${moveTo(version)}`,
          },
    ];
  if (now >= standardEnd - STANDARD_SUPPORT_WARNING_DAYS * DAY)
    return [
      {
        severity: "warning",
        message: `Kubernetes ${version} leaves EKS standard support on ${entry.endOfStandardSupport} (in ${Math.ceil((standardEnd - now) / DAY)} days); ${moveTo(version)}`,
      },
    ];
  return [];
}

/**
 * Add-on versions AWS documents per Kubernetes version ("latest version of the Amazon EKS add-on
 * type for each Kubernetes version" tables; each row was the latest at the time a page version
 * was published, so several builds per version are listed). Sources: Amazon EKS User Guide,
 * "Manage kube-proxy" (https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html),
 * "Manage CoreDNS" (https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html),
 * "Amazon VPC CNI" (https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html),
 * including their translated copies. AWS publishes no per-version table for
 * eks-pod-identity-agent and aws-ebs-csi-driver: their compatibility is only known from
 * `aws eks describe-addon-versions --kubernetes-version <v>`, which needs an AWS account.
 */
export const EKS_ADDON_DOCUMENTED_VERSIONS: Readonly<
  Record<string, Readonly<Record<string, readonly string[]>>>
> = {
  "kube-proxy": {
    "1.32": [
      "v1.32.6-eksbuild.8",
      "v1.32.9-eksbuild.2",
      "v1.32.13-eksbuild.5",
      "v1.32.13-eksbuild.16",
    ],
    "1.33": [
      "v1.33.3-eksbuild.6",
      "v1.33.5-eksbuild.2",
      "v1.33.10-eksbuild.2",
      "v1.33.10-eksbuild.13",
    ],
    "1.34": ["v1.34.1-eksbuild.2", "v1.34.6-eksbuild.2", "v1.34.6-eksbuild.13"],
    "1.35": ["v1.35.3-eksbuild.2", "v1.35.3-eksbuild.13"],
    "1.36": ["v1.36.0-eksbuild.14"],
  },
  coredns: {
    "1.32": ["v1.11.4-eksbuild.24", "v1.11.4-eksbuild.33"],
    "1.33": ["v1.12.4-eksbuild.1", "v1.13.2-eksbuild.4"],
    "1.34": ["v1.12.4-eksbuild.1", "v1.13.2-eksbuild.4", "v1.13.2-eksbuild.7"],
    "1.35": ["v1.13.2-eksbuild.4", "v1.14.2-eksbuild.4"],
  },
  "vpc-cni": {
    "1.32": ["v1.19.2-eksbuild.1", "v1.19.2-eksbuild.5", "v1.20.1-eksbuild.3"],
    "1.33": ["v1.20.1-eksbuild.3"],
  },
};

const addonMinor = (addonVersion: string) => /^v1\.(\d+)\./.exec(addonVersion)?.[1];

/**
 * Add-on versions against the cluster's Kubernetes version:
 * - kube-proxy is built per Kubernetes minor version and may not be newer than the API server
 *   (Kubernetes version skew policy, https://kubernetes.io/releases/version-skew-policy/#kube-proxy);
 *   EKS lists one kube-proxy line per cluster version: a different minor is an error;
 * - a version not in the documented table for this Kubernetes version, or an add-on with no
 *   documented table for it, is a warning naming what to check.
 */
export function eksAddonProblems(
  kubernetesVersion: string,
  addons: Readonly<Record<string, string>>,
): Array<SupportFinding & { readonly addon: string }> {
  const out: Array<SupportFinding & { addon: string }> = [];
  const unverified: string[] = [];
  for (const [addon, version] of Object.entries(addons)) {
    if (addon === "kube-proxy" && addonMinor(version) !== kubernetesVersion.split(".")[1]) {
      out.push({
        addon,
        severity: "error",
        message: `kube-proxy ${version} does not match Kubernetes ${kubernetesVersion}: EKS ships kube-proxy per Kubernetes minor version and it may not be newer than the control plane; use ${EKS_ADDON_DOCUMENTED_VERSIONS["kube-proxy"]?.[kubernetesVersion]?.at(-1) ?? `a v${kubernetesVersion}.x-eksbuild.N version`}`,
      });
      continue;
    }
    const documented = EKS_ADDON_DOCUMENTED_VERSIONS[addon]?.[kubernetesVersion];
    if (!documented?.includes(version)) unverified.push(`${addon} ${version}`);
  }
  if (unverified.length)
    out.push({
      addon: unverified.map((u) => u.split(" ")[0]).join(", "),
      severity: "warning",
      message: `not documented by AWS for Kubernetes ${kubernetesVersion}: ${unverified.join(", ")}; confirm with aws eks describe-addon-versions --kubernetes-version ${kubernetesVersion} --addon-name <name>`,
    });
  return out;
}

/**
 * The day support checks are made for: `PLATFORM_TODAY` (YYYY-MM-DD) when set, to reproduce a plan
 * or look ahead ("what fails next month"), otherwise now.
 */
export function supportCheckDate(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Date {
  const value = env["PLATFORM_TODAY"];
  if (value === undefined || value === "") return new Date();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new Error(`PLATFORM_TODAY="${value}" is not a date; use YYYY-MM-DD or unset it`);
  return new Date(`${value}T00:00:00Z`);
}
