import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(__dirname, "..", "..", "..");

/** The module-boundary findings ESLint (the repository's config) reports for `code` at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages
    .filter((m) => m.ruleId === "@nx/enforce-module-boundaries")
    .map((m) => m.message);
}

describe("module boundaries (@nx/enforce-module-boundaries on the project tags)", function () {
  this.timeout(120_000);

  it("a policy pack may not import a component, only the foundation", async () => {
    const code = 'import { Vpc } from "@platform/vpc";\nexport const used = Vpc;\n';
    const found = await boundaryErrors("policies/aws-guardrails/src/boundary-probe.ts", code);
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(
      found[0]!,
      /type:policy-pack.*can only depend on libs tagged with "layer:foundation"/,
    );
    assert.deepEqual(
      await boundaryErrors(
        "policies/aws-guardrails/src/boundary-probe.ts",
        'import { parseCidr } from "@platform/core";\nexport const used = parseCidr;\n',
      ),
      [],
    );
  });

  it("a component may not import the blueprint, and the foundation no component", async () => {
    const fromComponent = await boundaryErrors(
      "packages/vpc/src/boundary-probe.ts",
      'import { deployEnvironment } from "@platform/environment";\nexport const used = deployEnvironment;\n',
    );
    assert.equal(fromComponent.length, 1, fromComponent.join("\n"));
    const fromCore = await boundaryErrors(
      "packages/preflight/src/boundary-probe.ts",
      'import { EksCluster } from "@platform/eks";\nexport const used = EksCluster;\n',
    );
    assert.equal(fromCore.length, 1, fromCore.join("\n"));
  });

  it("a tool may not import a component", async () => {
    const found = await boundaryErrors(
      "tools/netcheck/src/boundary-probe.ts",
      'import { TransitGatewayHub } from "@platform/transit-gateway";\nexport const used = TransitGatewayHub;\n',
    );
    assert.equal(found.length, 1, found.join("\n"));
  });
});
