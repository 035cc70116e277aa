// Lists the stack projects for the workflows, from each stacks/*/package.json `pulumiStack`
// (Node built-ins only: it runs before `npm ci`). Writes `key=value` lines for $GITHUB_OUTPUT:
//   runners={"platform-dev":"in-network",...}   which runner each stack's preview and up need
//   matrix=[{"project":"platform-dev","dir":"stacks/dev","runner":"in-network","stack":"dev","tier":"nonprod"},...]
//   shared=[...] nonprod=[...] prod=[...]          the same entries per deploy wave, from each
//                                                  project's Nx tag tier:<shared|nonprod|prod>
// Arguments: a JSON array of project names to keep (e.g. nx's affected stacks); all by default.
// Stacks with runner "manual" (the bootstrap, applied by an administrator) are never listed.
import * as fs from "node:fs";
import * as path from "node:path";

/** Deploy waves, in order: the hub first, then every nonprod environment, then prod. */
const WAVES = ["shared", "nonprod", "prod"];
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const only = process.argv[2] ? new Set(JSON.parse(process.argv[2])) : undefined;
const stacks = fs
  .readdirSync(path.join(root, "stacks"))
  .filter((d) => fs.existsSync(path.join(root, "stacks", d, "Pulumi.yaml")))
  .sort()
  .map((d) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "stacks", d, "package.json"), "utf8"));
    const runner = pkg.pulumiStack?.runner;
    if (runner !== "in-network" && runner !== "github-hosted" && runner !== "manual") {
      throw new Error(
        `stacks/${d}/package.json: pulumiStack.runner = ${JSON.stringify(runner)}: expected in-network, github-hosted or manual`,
      );
    }
    const project = JSON.parse(
      fs.readFileSync(path.join(root, "stacks", d, "project.json"), "utf8"),
    );
    const tiers = (project.tags ?? []).filter((t) => t.startsWith("tier:"));
    const tier = tiers.length === 1 ? tiers[0].slice("tier:".length) : undefined;
    if (runner !== "manual" && !WAVES.includes(tier)) {
      throw new Error(
        `stacks/${d}/project.json: tags ${JSON.stringify(project.tags)}: expected exactly one of ${WAVES.map((w) => `tier:${w}`).join(", ")} (the deploy wave)`,
      );
    }
    return { project: pkg.name, dir: `stacks/${d}`, runner, stack: pkg.pulumiStack.stack, tier };
  })
  .filter((s) => s.runner !== "manual")
  .filter((s) => !only || only.has(s.project));
console.log(
  `runners=${JSON.stringify(Object.fromEntries(stacks.map((s) => [s.project, s.runner])))}`,
);
console.log(`matrix=${JSON.stringify(stacks)}`);
for (const wave of WAVES)
  console.log(`${wave}=${JSON.stringify(stacks.filter((s) => s.tier === wave))}`);
