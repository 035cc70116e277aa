import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readProject, readStackFile, StackFileError } from "../src";

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function error(read: () => unknown): StackFileError {
  try {
    read();
  } catch (err) {
    assert.ok(err instanceof StackFileError, `expected a StackFileError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the file to be rejected");
}

describe("stack files", () => {
  it("reads a valid stack file", () => {
    const dir = project({ "Pulumi.dev.yaml": "config:\n  demo:size: 3\n" });
    assert.deepEqual(readStackFile(dir, "dev").config, { "demo:size": 3 });
  });

  it("a file read again gives its current content, and a caller's edit never reaches the next reader", () => {
    const dir = project({ "Pulumi.dev.yaml": "config:\n  demo:tags: { owner: a }\n" });
    for (let i = 0; i < 3; i++) {
      const tags = readStackFile(dir, "dev").config["demo:tags"] as Record<string, string>;
      assert.deepEqual(tags, { owner: "a" });
      tags["owner"] = "edited by a caller";
    }
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  demo:tags: { owner: b }\n");
    assert.deepEqual(readStackFile(dir, "dev").config["demo:tags"], { owner: "b" });
  });

  it("names the file, line and column of a YAML syntax error and quotes the line", () => {
    const dir = project({
      "Pulumi.dev.yaml": "config:\n  demo:tags: { owner: team\n  demo:size: 3\n",
    });
    const e = error(() => readStackFile(dir, "dev"));
    assert.equal(
      e.message,
      `${path.join(dir, "Pulumi.dev.yaml")}:3:3: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }; fix the file at that line\n` +
        "    demo:tags: { owner: team\n    demo:size: 3\n    ^",
    );
    assert.ok(!/\n\s+at /.test(e.message), "no stack trace in the message");
  });

  it("reports a key given twice, which the Pulumi CLI rejects too", () => {
    const dir = project({ "Pulumi.dev.yaml": "config:\n  demo:size: 3\n  demo:size: 4\n" });
    assert.match(
      error(() => readStackFile(dir, "dev")).message,
      /Pulumi\.dev\.yaml:3:3: invalid YAML: Map keys must be unique; fix the file at that line/,
    );
  });

  it("names the line of a syntax error in Pulumi.yaml", () => {
    const dir = project({ "Pulumi.yaml": "name: demo\n\truntime: nodejs\n" });
    assert.match(
      error(() => readProject(dir)).message,
      /Pulumi\.yaml:2:1: invalid YAML: Tabs are not allowed as indentation/,
    );
  });
});
