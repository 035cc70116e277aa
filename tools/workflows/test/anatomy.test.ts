import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { documentedInputs, exportedSchemas, inputsDrift, missingAnatomy } from "@platform/testing";

const root = path.resolve(__dirname, "..", "..", "..");

/** Every package tagged layer:component, by folder. */
function componentPackages(): string[] {
  return fs
    .readdirSync(path.join(root, "packages"))
    .map((d) => path.join(root, "packages", d))
    .filter((dir) => {
      const file = path.join(dir, "project.json");
      if (!fs.existsSync(file)) return false;
      const tags = (JSON.parse(fs.readFileSync(file, "utf8")) as { tags?: string[] }).tags ?? [];
      return tags.includes("layer:component");
    });
}

describe("the component anatomy (docs/components.md)", function () {
  this.timeout(60_000);
  const packages = componentPackages();

  it("finds the component packages", () => {
    assert.ok(packages.length >= 8, packages.join(", "));
  });

  for (const dir of packages) {
    const name = path.basename(dir);
    it(`${name}: has schema, validate, examples, an examples test and a README`, () => {
      assert.deepEqual(missingAnatomy(dir), []);
    });

    it(`${name}: the README's Inputs name exactly the keys of src/schema.ts`, async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const schemas = exportedSchemas(require(path.join(dir, "src", "schema.ts")));
      assert.ok(schemas.size > 0, `${name}/src/schema.ts exports no ...Schema object`);
      const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
      assert.deepEqual(inputsDrift(schemas, documentedInputs(readme)), []);
    });
  }
});
