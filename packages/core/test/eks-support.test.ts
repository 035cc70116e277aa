import * as assert from "node:assert/strict";
import {
  EKS_ADDON_DOCUMENTED_VERSIONS,
  EKS_SUPPORT_CALENDAR,
  eksAddonProblems,
  eksSupportProblems,
  newestInStandardSupport,
  supportCheckDate,
} from "../src";

const on = (iso: string) => new Date(`${iso}T00:00:00Z`);
const check = (version: string, day: string, upgradePolicy: "STANDARD" | "EXTENDED" = "STANDARD") =>
  eksSupportProblems({ version, upgradePolicy, today: on(day) });

describe("EKS support calendar", () => {
  it("has one row per version, standard support ending before extended, each with a source", () => {
    const versions = EKS_SUPPORT_CALENDAR.map((v) => v.version);
    assert.equal(new Set(versions).size, versions.length);
    for (const v of EKS_SUPPORT_CALENDAR) {
      assert.ok(Date.parse(v.endOfStandardSupport) < Date.parse(v.endOfExtendedSupport), v.version);
      assert.match(v.source, /^https:\/\//);
    }
  });

  it("rejects 1.32 with upgradePolicy STANDARD on 2026-11-26, naming the end date and the versions to move to", () => {
    assert.deepEqual(check("1.32", "2026-11-26"), [
      {
        severity: "error",
        message:
          "Kubernetes 1.32 left EKS standard support on 2026-03-23 and upgradePolicy is STANDARD, so EKS upgrades the cluster itself; upgrade to 1.33, then one minor version at a time to 1.35 (standard support until 2027-03-27)",
      },
    ]);
  });

  it("warns within 8 weeks of the end of standard support: 1.34 ends 2026-12-02", () => {
    assert.deepEqual(check("1.34", "2026-11-26"), [
      {
        severity: "warning",
        message:
          "Kubernetes 1.34 leaves EKS standard support on 2026-12-02 (in 6 days); upgrade to 1.35 (standard support until 2027-03-27)",
      },
    ]);
    assert.deepEqual(check("1.35", "2026-11-26"), []);
    assert.equal(check("1.35", "2027-01-30")[0]?.severity, "warning");
    assert.equal(check("1.35", "2027-01-29").length, 0);
  });

  it("only warns about billed extended support with EXTENDED, and rejects a version past extended support", () => {
    assert.equal(check("1.32", "2026-11-26", "EXTENDED")[0]?.severity, "warning");
    assert.match(
      check("1.31", "2026-11-26", "EXTENDED")[0]!.message,
      /^Kubernetes 1\.31 left EKS extended support on 2026-11-26 and EKS upgrades it without notice; upgrade to 1\.32/,
    );
  });

  it("rejects a version missing from the calendar, naming the one to use", () => {
    assert.match(
      check("1.36", "2026-11-26")[0]!.message,
      /^Kubernetes 1\.36 is not in the EKS support calendar \(1\.29, .*, 1\.35\); use 1\.35, or add 1\.36 with its dates and source/,
    );
    assert.equal(newestInStandardSupport(on("2026-11-26"))?.version, "1.35");
  });

  it("checks add-ons against the cluster version: kube-proxy of another minor is an error, undocumented versions a warning", () => {
    assert.deepEqual(
      eksAddonProblems("1.35", {
        "kube-proxy": "v1.32.0-eksbuild.2",
        coredns: "v1.13.2-eksbuild.4",
      }),
      [
        {
          addon: "kube-proxy",
          severity: "error",
          message:
            "kube-proxy v1.32.0-eksbuild.2 does not match Kubernetes 1.35: EKS ships kube-proxy per Kubernetes minor version and it may not be newer than the control plane; use v1.35.3-eksbuild.13",
        },
      ],
    );
    const [warning] = eksAddonProblems("1.35", {
      "kube-proxy": "v1.35.3-eksbuild.13",
      "vpc-cni": "v1.20.1-eksbuild.3",
    });
    assert.equal(warning?.severity, "warning");
    assert.match(
      warning!.message,
      /not documented by AWS for Kubernetes 1\.35: vpc-cni v1\.20\.1-eksbuild\.3;/,
    );
    for (const [addon, byVersion] of Object.entries(EKS_ADDON_DOCUMENTED_VERSIONS))
      for (const versions of Object.values(byVersion))
        for (const v of versions) assert.match(v, /^v\d+\.\d+\.\d+-eksbuild\.\d+$/, addon);
  });

  it("takes the check date from PLATFORM_TODAY when set", () => {
    assert.equal(
      supportCheckDate({ PLATFORM_TODAY: "2027-04-01" }).toISOString(),
      "2027-04-01T00:00:00.000Z",
    );
    assert.throws(
      () => supportCheckDate({ PLATFORM_TODAY: "soon" }),
      /PLATFORM_TODAY="soon" is not a date/,
    );
  });
});
