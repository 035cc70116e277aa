import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { identitySchema, renderReference } from "@platform/identity";
import { readStackFile } from "@platform/testing";

const dir = path.resolve(__dirname, "..");
const file = path.resolve(dir, "..", "..", "docs", "bootstrap", "reference.md");

describe("docs/bootstrap/reference.md", () => {
  it("is what the bootstrap code creates for the example organisation", () => {
    const stacks = ["tooling", "network", "dev", "test", "prod"].map((stack) => {
      const config = readStackFile(dir, stack).config;
      const account = config["platform-bootstrap:account"] as { accountId: string; region: string };
      return { stack, accountId: account.accountId, region: account.region, config };
    });
    const identity = identitySchema.parse(stacks[0]!.config["platform-bootstrap:identity"]);
    const rendered = renderReference(identity, stacks);
    if (process.env["UPDATE_DOCS"] === "1") fs.writeFileSync(file, rendered);
    assert.equal(
      fs.readFileSync(file, "utf8"),
      rendered,
      "docs/bootstrap/reference.md is stale: regenerate it (UPDATE_DOCS=1, see its header)",
    );
  });
});
