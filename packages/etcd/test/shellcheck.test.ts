import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { scripts } from "./servers";

describe("etcd scripts lint", () => {
  it("pass shellcheck (Debian's shellcheck package; .ci/run installs it)", () => {
    const files = [
      ...fs
        .readdirSync(scripts)
        .filter((f) => f.endsWith(".sh"))
        .map((f) => path.join(scripts, f)),
      path.join(__dirname, "etcd-binaries.sh"),
    ];
    const r = spawnSync("shellcheck", ["--external-sources", ...files], {
      cwd: scripts,
      encoding: "utf8",
    });
    assert.ifError(r.error);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
