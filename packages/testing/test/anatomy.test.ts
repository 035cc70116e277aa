import * as assert from "node:assert/strict";
import * as path from "node:path";
import { z } from "zod";
import { documentedInputs, inputsDrift, missingAnatomy, schemaKeys } from "../src";

const root = path.resolve(__dirname, "..", "..", "..");

describe("the anatomy checks themselves", () => {
  const schema = z
    .strictObject({ a: z.string(), b: z.number().default(1) })
    .superRefine(() => undefined)
    .optional();

  it("reads keys through wrappers", () => {
    assert.deepEqual(schemaKeys(schema), ["a", "b"]);
    assert.equal(schemaKeys(z.string()), undefined);
  });

  it("reports undocumented, stale and missing tables", () => {
    const readme =
      "# x\n\n## Inputs\n\n### `thingSchema`\n\n| key | meaning |\n|---|---|\n| `a` | A |\n| `c` | C |\n\n## Outputs\n\n| `z` | no |\n";
    const drift = inputsDrift(
      new Map([
        ["thingSchema", ["a", "b"]],
        ["otherSchema", ["x"]],
      ]),
      documentedInputs(readme),
    );
    assert.deepEqual(drift, [
      "thingSchema.b is not documented",
      "thingSchema.c is documented but not in the schema",
      'otherSchema has no "### otherSchema" table under "## Inputs"',
    ]);
  });

  it("reports a package without the anatomy's files", () => {
    const missing = missingAnatomy(path.join(root, "tools", "plan"));
    assert.ok(
      missing.includes("src/schema.ts") && missing.includes("examples/*.ts"),
      missing.join(),
    );
  });
});
