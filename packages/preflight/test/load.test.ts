import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");

describe("loading preflight", function () {
  this.timeout(120_000);

  // The plan pays the load once per stack: the core barrel pulls in @pulumi/aws (seconds per
  // process). Rules import core's modules by subpath (cidr, metrics, eks-support) instead.
  it("does not load @pulumi/aws or @pulumi/pulumi", () => {
    const loaded = execFileSync(
      process.execPath,
      [
        "--conditions=@platform/source",
        "--import=tsx",
        "-e",
        `require("@platform/preflight");
         console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/]@pulumi[\\\\/](aws|pulumi)[\\\\/]/.test(k)).slice(0, 3)));`,
      ],
      { cwd: root, encoding: "utf8" },
    );
    assert.deepEqual(JSON.parse(loaded.trim()), []);
  });
});
