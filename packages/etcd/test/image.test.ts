import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { scriptEnv, scripts } from "./servers";

// The image cannot be built here (no container engine); these checks read its Dockerfile.
const pkg = path.resolve(__dirname, "..");
const dockerfile = fs.readFileSync(path.join(pkg, "image", "Dockerfile"), "utf8");
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .filter((l) => l.trim() && !l.trim().startsWith("#"));

/** `name=version` pins of the apt-get install instruction. */
function pins(): Map<string, string> {
  const install = instructions.find((l) => /apt-get install/.test(l));
  assert.ok(install, "the Dockerfile installs packages with apt-get install");
  const out = new Map<string, string>();
  for (const m of install.matchAll(/\s([a-z0-9.+-]+)=(\S+)/g)) out.set(m[1]!, m[2]!);
  return out;
}

const numbers = (v: string) => v.split(/[.-]/).map(Number);
function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [numbers(version), numbers(minimum)];
  for (let i = 0; i < b.length; i++) if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i]!;
  return true;
}

describe("backup image (image/Dockerfile)", () => {
  it("is Debian trixie, whose etcd is 3.5 and whose AWS CLI supports EKS Pod Identity", () => {
    assert.match(instructions[0]!, /^FROM debian:trixie-slim(@sha256:[0-9a-f]{64})?$/);
    const p = pins();
    // AWS CLI 2.15.0 is the first v2 release with the Pod Identity credential provider:
    // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-minimum-sdk.html
    const awscli = p.get("awscli");
    assert.ok(awscli, "awscli is pinned");
    assert.ok(awscli.startsWith("2.") && atLeast(awscli, "2.15.0"), `awscli ${awscli} >= 2.15.0`);
  });

  it("pins the etcd packages the script tests run, of the minor every stack's StatefulSet runs", () => {
    const p = pins();
    const installer = fs.readFileSync(path.join(__dirname, "etcd-binaries.sh"), "utf8");
    const tested = /^version=(\S+)$/m.exec(installer)?.[1];
    assert.equal(p.get("etcd-server"), tested);
    assert.equal(p.get("etcd-client"), tested);
    const minor = tested!.split(".").slice(0, 2).join(".");
    const stacks = path.resolve(pkg, "..", "..", "stacks");
    const images = fs
      .readdirSync(stacks)
      .flatMap((s) =>
        fs
          .readdirSync(path.join(stacks, s))
          .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
          .map((f) => fs.readFileSync(path.join(stacks, s, f), "utf8")),
      )
      .flatMap((text) => [...text.matchAll(/image: \S*\/etcd:v(\d+\.\d+)\.\d+/g)].map((m) => m[1]));
    assert.ok(images.length > 0, "the environment stacks configure an etcd image");
    for (const image of images) assert.equal(image, minor);
    // And the binaries on the scripts' PATH in the tests are that version.
    const version = spawnSync("etcdctl", ["version"], { encoding: "utf8", env: scriptEnv({}) });
    assert.match(
      version.stdout,
      new RegExp(`^etcdctl version: ${tested!.replace(/-.*/, "")}$`, "m"),
    );
  });

  it("runs the scripts as a non-root numeric user, from where the CronJobs call them", () => {
    assert.ok(instructions.includes("COPY scripts/ /opt/etcd-backup/"));
    const user = instructions.filter((l) => l.startsWith("USER ")).at(-1);
    assert.match(user ?? "", /^USER [1-9]\d*$/, "the last USER is a numeric non-root uid");
    assert.ok(fs.existsSync(path.join(scripts, "etcd-backup.sh")));
  });
});
