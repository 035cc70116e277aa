import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../src";

describe("preflight README", () => {
  it("lists every registered rule, and only those, with its family", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` +\| (\w+) +\|/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    assert.deepEqual(rows.sort(), RULES.map((r) => `${r.id} ${r.family}`).sort());
  });

  it("every rule cites a document with a URL", () => {
    for (const rule of RULES) assert.match(rule.source, /https:\/\//, rule.id);
  });
});
