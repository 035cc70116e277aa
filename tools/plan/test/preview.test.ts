import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { changesMarkdown, changesOf, compareChanges, isRoleSwap, parseDigest } from "../src";
import type { PreviewDigest } from "../src";

const urn = (type: string, name: string) => `urn:pulumi:prod::platform-prod::${type}::${name}`;
/** Shaped like the CLI's `pulumi preview --json` output (PreviewDigest). */
const drifted: PreviewDigest = {
  steps: [
    { op: "same", urn: urn("pulumi:pulumi:Stack", "platform-prod-prod") },
    {
      op: "update",
      urn: urn("pulumi:providers:aws", "prod-account"),
      diffReasons: ["assumeRoles"],
    },
    {
      op: "update",
      urn: urn("platform:network:Hybrid$aws:ec2/vpnConnection:VpnConnection", "hub-vpn-dc1"),
      diffReasons: ["tunnel1DpdTimeoutAction"],
    },
    { op: "refresh", urn: urn("aws:ec2/vpc:Vpc", "prod-vpc") },
  ],
  changeSummary: { same: 1, update: 2 },
};
const clean: PreviewDigest = {
  steps: drifted.steps!.filter((s) => s.op !== "update" || isRoleSwap(s)),
};

describe("preview JSON (drift and approvals)", () => {
  it("counts real changes and not a provider that only assumes a read-only role", () => {
    assert.deepEqual(
      changesOf(drifted).map((s) => s.urn),
      [urn("platform:network:Hybrid$aws:ec2/vpnConnection:VpnConnection", "hub-vpn-dc1")],
    );
    assert.deepEqual(changesOf(clean), []);
    assert.equal(
      isRoleSwap({ op: "update", urn: urn("pulumi:providers:aws", "p"), diffReasons: ["region"] }),
      false,
    );
  });

  it("renders a table for the approver or the drift issue", () => {
    const md = changesMarkdown("platform-prod/prod", drifted);
    assert.match(md, /^### platform-prod\/prod\n\n1 update\n/);
    assert.match(
      md,
      /\| ~ update \| `aws:ec2\/vpnConnection:VpnConnection` \| hub-vpn-dc1 \| `tunnel1DpdTimeoutAction` \|/,
    );
    assert.match(md, /1 provider\(s\) differ only in the role they assume/);
    assert.match(changesMarkdown("x", clean), /No changes\./);
  });

  it("tells when the changes about to be applied differ from the approved ones", () => {
    assert.deepEqual(compareChanges(drifted, drifted), { onlyApproved: [], onlyCurrent: [] });
    const more: PreviewDigest = {
      steps: [...drifted.steps!, { op: "delete", urn: urn("aws:s3/bucket:Bucket", "logs") }],
    };
    assert.deepEqual(compareChanges(drifted, more), {
      onlyApproved: [],
      onlyCurrent: [`delete ${urn("aws:s3/bucket:Bucket", "logs")}`],
    });
  });

  it("names a file that is not preview JSON", () => {
    assert.throws(
      () => parseDigest("error: no stack named 'dev' found", "p.json"),
      /p\.json: not the JSON of pulumi preview --json/,
    );
  });

  it("platform-plan changes prints the count and fails when --same-as differs", function () {
    this.timeout(300_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changes-"));
    fs.writeFileSync(path.join(dir, "approved.json"), JSON.stringify(clean));
    fs.writeFileSync(path.join(dir, "now.json"), JSON.stringify(drifted));
    const cli = path.join(__dirname, "..", "src", "cli.ts");
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ["--conditions=@platform/source", "--import", "tsx", cli, ...args],
        { encoding: "utf8" },
      );
    const [now, approved] = [path.join(dir, "now.json"), path.join(dir, "approved.json")];
    const md = path.join(dir, "drift.md");
    const ok = run("changes", now, "--markdown", md, "--title", "platform-prod/prod");
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { changes: 1 });
    assert.match(fs.readFileSync(md, "utf8"), /hub-vpn-dc1/);
    const differs = run("changes", now, "--same-as", approved);
    assert.equal(differs.status, 1);
    assert.match(
      differs.stderr,
      /The changes differ from the approved preview \(.*approved\.json\); nothing was applied/,
    );
    assert.equal(run("changes", approved, "--same-as", approved).status, 0);
  });
});
