import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { linkNodeModules } from "../src/baseref";

describe("linkNodeModules", () => {
  it("links third-party packages to the checkout and workspace packages into the worktree", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "repo-"));
    const worktree = fs.mkdtempSync(path.join(os.tmpdir(), "wt-"));
    fs.mkdirSync(path.join(root, "packages", "core"), { recursive: true });
    fs.mkdirSync(path.join(root, "node_modules", "@platform"), { recursive: true });
    fs.mkdirSync(path.join(root, "node_modules", "zod"));
    fs.symlinkSync("../../packages/core", path.join(root, "node_modules", "@platform", "core"));

    linkNodeModules(root, worktree);

    assert.equal(
      fs.readlinkSync(path.join(worktree, "node_modules", "zod")),
      path.join(root, "node_modules", "zod"),
    );
    assert.equal(
      fs.readlinkSync(path.join(worktree, "node_modules", "@platform", "core")),
      path.join(worktree, "packages", "core"),
    );
  });
});
