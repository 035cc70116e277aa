/**
 * Real servers for the script tests: etcd 3.5 (the minor the StatefulSet runs) from Debian trixie's
 * etcd-server and etcd-client packages, installed by etcd-binaries.sh; S3 from s3rver (npm).
 */
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver") as new (options: Record<string, unknown>) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};

export const scripts = path.resolve(__dirname, "..", "scripts");
export const AWS_CLI = fs.existsSync("/usr/bin/aws") ? "/usr/bin/aws" : "aws";

/** The directory holding etcd, etcdctl and etcdutl 3.5; the scripts find them first on PATH. */
export const ETCD_BIN = ((): string => {
  const r = spawnSync("bash", [path.join(__dirname, "etcd-binaries.sh"), "--print"], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr.trim());
  return r.stdout.trim();
})();
const bin = (name: "etcd" | "etcdctl" | "etcdutl") => path.join(ETCD_BIN, name);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export function etcdctl(endpoint: string, ...args: string[]): string {
  const r = spawnSync(bin("etcdctl"), ["--endpoints", endpoint, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`etcdctl ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Writes a key and value of arbitrary bytes (NUL, invalid UTF-8) through etcd's JSON gateway, which
 * takes them base64-encoded; etcdctl takes keys from argv, which cannot hold a NUL byte.
 */
export async function putBytes(endpoint: string, key: Buffer, value: Buffer): Promise<void> {
  const response = await fetch(`${endpoint}/v3/kv/put`, {
    method: "POST",
    body: JSON.stringify({ key: key.toString("base64"), value: value.toString("base64") }),
  });
  if (!response.ok) throw new Error(`put ${key.toString("hex")}: ${await response.text()}`);
}

export class Etcd {
  private constructor(
    readonly endpoint: string,
    readonly dataDir: string,
    private readonly child: ChildProcess,
  ) {}

  /**
   * Starts etcd on loopback on a data dir (new or restored) and waits until it is healthy. With
   * `tls`, clients must present a certificate signed by its CA (client-certificate auth).
   */
  static async start(
    dataDir: string,
    tls?: { ca: string; cert: string; key: string; clientCert: string; clientKey: string },
  ): Promise<Etcd> {
    const [client, peer] = [await freePort(), await freePort()];
    const endpoint = `${tls ? "https" : "http"}://127.0.0.1:${client}`;
    const serverTls = tls
      ? [
          "--client-cert-auth",
          "--trusted-ca-file",
          tls.ca,
          "--cert-file",
          tls.cert,
          "--key-file",
          tls.key,
        ]
      : [];
    const child = spawn(
      bin("etcd"),
      [
        "--data-dir",
        dataDir,
        "--listen-client-urls",
        endpoint,
        "--advertise-client-urls",
        endpoint,
        "--listen-peer-urls",
        `http://127.0.0.1:${peer}`,
        ...serverTls,
      ],
      { stdio: "ignore" },
    );
    const etcd = new Etcd(endpoint, dataDir, child);
    const clientTls = tls
      ? ["--cacert", tls.ca, "--cert", tls.clientCert, "--key", tls.clientKey]
      : [];
    for (let i = 0; i < 200; i++) {
      const probe = spawnSync(bin("etcdctl"), [
        "--endpoints",
        endpoint,
        ...clientTls,
        "endpoint",
        "health",
      ]);
      if (probe.status === 0) return etcd;
      await new Promise((r) => setTimeout(r, 50));
    }
    await etcd.stop();
    throw new Error(`etcd on ${endpoint} did not become healthy`);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}

/** An S3-compatible server with a bucket, and plain HTTP access to it for test setup. */
export interface S3Server {
  readonly endpoint: string;
  close(): Promise<void>;
  /** Object keys under a prefix. */
  list(prefix: string): Promise<string[]>;
  get(key: string): Promise<Buffer>;
  put(key: string, body: string | Buffer): Promise<void>;
}

export async function startS3(bucket: string): Promise<S3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver serves unsigned requests; the scripts under test go through the real AWS CLI.
  const url = (key: string) =>
    `${endpoint}/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
  const ok = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
    return response;
  };
  const entities: Record<string, string> = {
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&apos;": "'",
  };
  return {
    endpoint,
    close: () => server.close(),
    async list(prefix) {
      const query = `list-type=2&prefix=${encodeURIComponent(prefix)}`;
      const r = await ok(await fetch(`${endpoint}/${bucket}?${query}`), `list ${prefix}`);
      return [...(await r.text()).matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) =>
        m[1]!.replace(/&[a-z]+;/g, (e) => entities[e] ?? e),
      );
    },
    async get(key) {
      const r = await ok(await fetch(url(key)), `get ${key}`);
      return Buffer.from(await r.arrayBuffer());
    },
    async put(key, body) {
      await ok(await fetch(url(key), { method: "PUT", body }), `put ${key}`);
    },
  };
}

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment scripts run with: etcd 3.5 first on PATH (after an optional directory of fakes),
 * the S3 test credentials and the Debian AWS CLI.
 */
export function scriptEnv(env: Record<string, string>, pathPrefix?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [pathPrefix, ETCD_BIN, process.env["PATH"]].filter(Boolean).join(":"),
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CLI,
    ...env,
  };
}

/**
 * Runs a command without blocking the event loop (the S3 server runs in this process) and with a
 * time limit, so a hung tool fails the test instead of the suite.
 */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  limitMs = 60_000,
): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export function runScript(
  script: string,
  env: Record<string, string>,
  pathPrefix?: string,
): Promise<ScriptResult> {
  return run("bash", [path.join(scripts, script)], scriptEnv(env, pathPrefix));
}
