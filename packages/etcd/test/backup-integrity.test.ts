/**
 * The disaster-day paths of the backup scripts: damaged backups in a row, manifests that do not
 * parse, settings that would make a bad S3 key or manifest, keys that are not one line of text,
 * and leases after a restore. Real etcd 3.5 and an S3-compatible server, as in production.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ETCD_BIN, Etcd, etcdctl, freePort, putBytes, runScript, startS3 } from "./servers";
import type { S3Server } from "./servers";

const BUCKET = "integrity";

/** A command early on PATH, for fault injection. */
function fake(name: string, script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fake-${name}-`));
  fs.writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\n${script}\n`, { mode: 0o755 });
  return dir;
}

/** The name of a backup `seconds` after `name`, with another reason. */
function later(name: string, seconds: number, reason: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/.exec(name)!;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + seconds * 1000;
  return `${new Date(t).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}-${reason}`;
}

describe("etcd backups under damage and bad input (real etcd 3.5, S3-compatible server)", function () {
  this.timeout(180_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-integrity-"));
  let s3: S3Server;
  let etcd: Etcd;
  const env = (prefix: string, extra: Record<string, string> = {}) => ({
    ETCD_ENDPOINTS: etcd.endpoint,
    S3_BUCKET: BUCKET,
    S3_PREFIX: prefix,
    S3_ENDPOINT_URL: s3.endpoint,
    ...extra,
  });
  const getObject = async (key: string) => (await s3.get(key)).toString("utf8");
  const backup = async (prefix: string, reason: string, extra: Record<string, string> = {}) => {
    const r = await runScript("etcd-backup.sh", env(prefix, { BACKUP_REASON: reason, ...extra }));
    assert.equal(r.status, 0, r.stderr);
    return { name: r.stdout.trim(), stderr: r.stderr };
  };
  /** Puts files (name → content) under a prefix. */
  const upload = async (prefix: string, files: Record<string, string | Buffer>) => {
    for (const [name, content] of Object.entries(files)) await s3.put(`${prefix}/${name}`, content);
  };

  before(async () => {
    s3 = await startS3(BUCKET);
    etcd = await Etcd.start(path.join(tmp, "source"));
    for (let i = 0; i < 20; i++) etcdctl(etcd.endpoint, "put", `/app/${i}`, `v${i}`);
  });

  after(async () => {
    await etcd?.stop();
    await s3?.close();
  });

  it("walks back past several damaged backups to the newest intact one, saying how many it skipped and why", async () => {
    const prefix = "walk/etcd";
    const { name: good } = await backup(prefix, "good");
    const manifest = JSON.parse(await getObject(`${prefix}/${good}.manifest.json`));
    const olderCorrupt = later(good, 60, "older-corrupt");
    const unparsable = later(good, 120, "unparsable");
    const newest = later(good, 180, "newest-corrupt");
    const as = (name: string, reason: string) => JSON.stringify({ ...manifest, name, reason });
    await upload(prefix, {
      [`${olderCorrupt}.db`]: "not a snapshot",
      [`${olderCorrupt}.manifest.json`]: as(olderCorrupt, "older-corrupt"),
      [`${unparsable}.db`]: "whatever",
      [`${unparsable}.manifest.json`]: `{"name":"${unparsable}","reason":"say "hi""}`,
      [`${newest}.db`]: "not a snapshot either",
      [`${newest}.manifest.json`]: as(newest, "newest-corrupt"),
    });

    const restore = await runScript("etcd-restore.sh", {
      ...env(prefix),
      DATA_DIR: path.join(tmp, "walk-newest"),
    });
    assert.notEqual(restore.status, 0);
    assert.match(
      restore.stderr,
      new RegExp(`backup ${newest} cannot be restored: its snapshot is corrupt: .*; not restored`),
    );
    assert.match(restore.stderr, /skipped 2 older backups, damaged too:/);
    assert.match(
      restore.stderr,
      new RegExp(
        `\\n +${unparsable}: its manifest is not valid JSON \\(line 1, column \\d+: .+\\)`,
      ),
    );
    assert.match(
      restore.stderr,
      new RegExp(
        `\\n +${olderCorrupt}: its snapshot is corrupt: sha256 [0-9a-f]{64}, its manifest says [0-9a-f]{64}\\n`,
      ),
    );
    assert.match(
      restore.stderr,
      new RegExp(
        `the newest intact backup before it is ${good} \\(sha256 checked against its manifest\\): rerun with BACKUP=${good}`,
      ),
    );
    assert.ok(!fs.existsSync(path.join(tmp, "walk-newest")));

    // Following the hint from any damaged backup leads to the good one, never back up the chain.
    for (const damaged of [olderCorrupt, unparsable]) {
      const again = await runScript("etcd-restore.sh", {
        ...env(prefix),
        DATA_DIR: path.join(tmp, `walk-${damaged}`),
        BACKUP: damaged,
      });
      assert.notEqual(again.status, 0);
      assert.match(again.stderr, new RegExp(`rerun with BACKUP=${good}$`, "m"));
    }
    const restored = await runScript("etcd-restore.sh", {
      ...env(prefix),
      DATA_DIR: path.join(tmp, "walk-good"),
      BACKUP: good,
    });
    assert.equal(restored.status, 0, restored.stderr);
    assert.equal(restored.stdout.trim(), good);
  });

  it("skips a backup whose manifest does not parse, saying so, and restores the newest valid one", async () => {
    const prefix = "unparsable/etcd";
    const { name: good } = await backup(prefix, "good");
    const snapshot = await s3.get(`${prefix}/${good}.db`);
    // What etcd-backup.sh wrote for BACKUP_REASON='say "hi"' before manifests were built as JSON.
    const broken = later(good, 60, 'say "hi"');
    await upload(prefix, {
      [`${broken}.db`]: snapshot,
      [`${broken}.manifest.json`]: `{"name":"${broken}","revision":21,"totalKey":20,"liveKeys":20,"sha256":"${"0".repeat(64)}","reason":"say "hi""}\n`,
    });
    const restore = await runScript("etcd-restore.sh", {
      ...env(prefix),
      DATA_DIR: path.join(tmp, "skip-unparsable"),
    });
    assert.equal(restore.status, 0, restore.stderr);
    assert.equal(restore.stdout.trim(), good);
    assert.match(
      restore.stderr,
      new RegExp(
        `skipping s3://${BUCKET}/${prefix}/${broken}\\.manifest\\.json: not the name of a backup`,
      ),
    );

    // A manifest that does not parse under a proper backup name.
    const unparsable = later(good, 120, "unparsable");
    await upload(prefix, {
      [`${unparsable}.db`]: snapshot,
      [`${unparsable}.manifest.json`]: `{"name":"${unparsable}",`,
    });
    const again = await runScript("etcd-restore.sh", {
      ...env(prefix),
      DATA_DIR: path.join(tmp, "skip-unparsable-2"),
    });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout.trim(), good);
    assert.match(
      again.stderr,
      new RegExp(`skipping backup ${unparsable}: its manifest is not valid JSON \\(line 1, column`),
    );
    // The age check counts only backups whose manifest is valid.
    const age = await runScript("etcd-backup-age.sh", { ...env(prefix), MAX_AGE_SECONDS: "3600" });
    assert.equal(age.status, 0, age.stderr);
    assert.match(age.stderr, new RegExp(`newest backup ${good} is \\d+s old`));
    // The drill proves the newest backup restores, so it fails on one it cannot use.
    const drill = await runScript("etcd-verify-restore.sh", env(prefix));
    assert.notEqual(drill.status, 0);
    assert.match(
      drill.stderr,
      new RegExp(`backup ${unparsable} cannot be restored: its manifest is not valid JSON`),
    );
  });

  it("still restores a backup made by the earlier script, whose drill asks for a new backup", async () => {
    const prefix = "legacy/etcd";
    const { name: current } = await backup(prefix, "current");
    const manifest = JSON.parse(await getObject(`${prefix}/${current}.manifest.json`));
    const legacy = later(current, 60, "legacy");
    // The manifest etcd-backup.sh wrote before per-key digests (no format, no keysSha256).
    await s3.put(`${prefix}/${legacy}.db`, await s3.get(`${prefix}/${current}.db`));
    await upload(prefix, {
      [`${legacy}.manifest.json`]: JSON.stringify({
        name: legacy,
        revision: manifest.revision,
        totalKey: manifest.totalKey,
        liveKeys: manifest.liveKeys,
        sha256: manifest.sha256,
        reason: "legacy",
      }),
    });
    const restore = await runScript("etcd-restore.sh", {
      ...env(prefix),
      DATA_DIR: path.join(tmp, "legacy"),
    });
    assert.equal(restore.status, 0, restore.stderr);
    assert.equal(restore.stdout.trim(), legacy);
    const drill = await runScript("etcd-verify-restore.sh", env(prefix));
    assert.notEqual(drill.status, 0);
    assert.match(
      drill.stderr,
      new RegExp(
        `backup ${legacy} cannot be verified: .*made by an earlier etcd-backup.sh and has no per-key digests`,
      ),
    );
  });

  it("refuses settings that cannot safely name an S3 object, a file or a manifest field, before doing anything", async () => {
    const prefix = "refused/etcd";
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      [
        "etcd-backup.sh",
        { BACKUP_REASON: 'say "hi"' },
        /BACKUP_REASON='say "hi"' cannot be used: .*letters, digits/,
      ],
      ["etcd-backup.sh", { BACKUP_REASON: "a/b" }, /BACKUP_REASON='a\/b' cannot be used/],
      [
        "etcd-backup.sh",
        { BACKUP_REASON: "two\nlines" },
        /BACKUP_REASON='two\\nlines' cannot be used/,
      ],
      ["etcd-backup.sh", { S3_PREFIX: "../etcd" }, /S3_PREFIX='..\/etcd' cannot be used: .*/],
      ["etcd-backup.sh", { S3_PREFIX: "a b" }, /S3_PREFIX='a b' cannot be used/],
      ["etcd-backup.sh", { S3_BUCKET: "Not_A_Bucket" }, /S3_BUCKET='Not_A_Bucket' cannot be used/],
      [
        "etcd-restore.sh",
        { BACKUP: "../../other/20260101T000000Z-x", DATA_DIR: path.join(tmp, "refused") },
        /BACKUP='..\/..\/other\/20260101T000000Z-x' cannot be used: .*<UTC time>-<reason>/,
      ],
    ];
    for (const [script, settings, message] of cases) {
      const r = await runScript(script, { ...env(prefix), ...settings });
      assert.notEqual(r.status, 0, `${script} with ${JSON.stringify(settings)} must fail`);
      assert.match(r.stderr, message);
    }
    // Several problems are reported together.
    const both = await runScript("etcd-backup.sh", {
      ...env("a b"),
      BACKUP_REASON: 'say "hi"',
    });
    assert.match(both.stderr, /S3_PREFIX='a b' cannot be used/);
    assert.match(both.stderr, /BACKUP_REASON='say "hi"' cannot be used/);
    assert.deepEqual(await s3.list("refused"), []);
    assert.deepEqual(await s3.list(".."), []);
    assert.deepEqual(await s3.list("a b"), []);
    assert.ok(!fs.existsSync(path.join(tmp, "refused")));
  });

  it("validates the manifest before a backup counts, and uploads nothing when it is not valid", async () => {
    const prefix = "invalid-manifest/etcd";
    const etcdutl = fake(
      "etcdutl",
      // The real status, with a key count that is not a number.
      `"${ETCD_BIN}/etcdutl" "$@" | sed -E 's/"totalKey":[0-9]+/"totalKey":"lots"/'`,
    );
    const r = await runScript(
      "etcd-backup.sh",
      env(prefix, { BACKUP_REASON: "bad-status" }),
      etcdutl,
    );
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      /the manifest of \d{8}T\d{6}Z-bad-status is not valid \(totalKey: expected a non-negative integer, got "lots"\); nothing was uploaded/,
    );
    assert.deepEqual(await s3.list(prefix), []);
  });

  describe("keys that are not one line of text", () => {
    let odd: Etcd;
    const oddEnv = (prefix: string, extra: Record<string, string> = {}) => ({
      ...env(prefix, extra),
      ETCD_ENDPOINTS: odd.endpoint,
    });
    const text = (k: string) => Buffer.from(k, "utf8");
    // Keys and values a line count gets wrong, plus bytes etcdctl cannot take on its command line.
    const pairs: Array<[Buffer, Buffer]> = [
      [text("line1\nline2"), text("v")],
      [text("trailing-newline\n"), text("v")],
      [text("\nleading-newline"), text("")],
      [text("-starts-with-a-dash"), text("multi\nline\nvalue")],
      [text("tab\tand space"), Buffer.from([0, 1, 2, 255])],
      [text("ünïcödé"), text("ok")],
      [Buffer.from([0xff, 0xfe, 0x00, 0x41]), text("binary key with a NUL byte")],
      [Buffer.from([0x61, 0x00]), text("a then NUL")],
      [text("a"), text("a")],
    ];
    for (let i = 0; i < 12; i++) pairs.push([text(`/plain/${i}`), text(`value ${i}`)]);

    before(async () => {
      odd = await Etcd.start(path.join(tmp, "odd"));
      // Overwrites and a deletion: the snapshot holds more key revisions than live keys.
      for (let round = 0; round < 3; round++) {
        for (const [k, v] of pairs) await putBytes(odd.endpoint, k, v);
      }
      etcdctl(odd.endpoint, "put", "deleted", "x");
      etcdctl(odd.endpoint, "del", "deleted");
    });

    after(async () => {
      await odd?.stop();
    });

    it("counts live keys from structured output, logs them, and the drill compares every key's digest", async () => {
      const prefix = "odd/etcd";
      // Pages of 4 keys: boundaries fall next to keys with NUL bytes and newlines.
      const { name, stderr } = await backup(prefix, "odd", {
        ETCD_ENDPOINTS: odd.endpoint,
        DIGEST_PAGE_KEYS: "4",
      });
      const manifest = JSON.parse(await getObject(`${prefix}/${name}.manifest.json`));
      assert.equal(manifest.liveKeys, pairs.length);
      assert.ok(manifest.totalKey > pairs.length, "the snapshot holds more revisions than keys");
      assert.match(
        stderr,
        new RegExp(`backup ${name} complete: revision \\d+, ${pairs.length} live keys`),
      );
      const drill = await runScript("etcd-verify-restore.sh", oddEnv(prefix));
      assert.equal(drill.status, 0, drill.stderr);
      assert.match(
        drill.stderr,
        new RegExp(
          `restore drill passed: ${name} restored ${pairs.length} keys, each value matching its digest in the backup`,
        ),
      );
    });

    it("fails the drill when a key with a newline is lost, even with the line count unchanged", async () => {
      const prefix = "odd/etcd";
      const [client, peer] = [await freePort(), await freePort()];
      // etcd that, before serving the drill, replaces the key "line1\nline2" by "line1" and
      // "line2": the --keys-only output keeps the same lines, the data does not.
      const etcdFake = fake(
        "etcd",
        [
          `dir=""; prev=""; for a in "$@"; do [ "$prev" = --data-dir ] && dir=$a; prev=$a; done`,
          `"${ETCD_BIN}/etcd" --data-dir "$dir" --listen-client-urls http://127.0.0.1:${client} --advertise-client-urls http://127.0.0.1:${client} --listen-peer-urls http://127.0.0.1:${peer} >/dev/null 2>&1 & pid=$!`,
          `ctl() { "${ETCD_BIN}/etcdctl" --endpoints http://127.0.0.1:${client} "$@" >/dev/null; }`,
          `for _ in $(seq 1 100); do ctl endpoint health 2>/dev/null && break; sleep 0.1; done`,
          `ctl del "$(printf 'line1\\nline2')" && ctl put line1 v && ctl put line2 v`,
          `kill $pid; wait $pid`,
          `exec "${ETCD_BIN}/etcd" "$@"`,
        ].join("\n"),
      );
      const drill = await runScript("etcd-verify-restore.sh", oddEnv(prefix), etcdFake);
      assert.notEqual(drill.status, 0);
      assert.match(
        drill.stderr,
        /restored data differs from the backup: 1 missing, 2 unexpected, 0 changed\b/,
      );
      assert.match(drill.stderr, /missing: 'line1\\nline2'/);
      assert.match(drill.stderr, /unexpected: 'line1', 'line2'/);
    });

    it("brings leases back with their whole TTL restarted (docs/runbooks/etcd-restore.md)", async () => {
      const prefix = "leases/etcd";
      const granted = Date.now();
      const id = /lease ([0-9a-f]+) granted/.exec(
        etcdctl(odd.endpoint, "lease", "grant", "600"),
      )![1]!;
      etcdctl(odd.endpoint, "put", "/locks/job", "held", `--lease=${id}`);
      const { name } = await backup(prefix, "leases", { ETCD_ENDPOINTS: odd.endpoint });
      const dataDir = path.join(tmp, "leases-restored");
      const restore = await runScript("etcd-restore.sh", { ...oddEnv(prefix), DATA_DIR: dataDir });
      assert.equal(restore.stdout.trim(), name, restore.stderr);
      const restored = await Etcd.start(dataDir);
      try {
        const elapsed = (Date.now() - granted) / 1000;
        const ttl = JSON.parse(etcdctl(restored.endpoint, "lease", "timetolive", id, "-w", "json"));
        assert.ok(elapsed >= 2, `the backup and restore took ${elapsed}s`);
        // Not 600 minus the time since the grant: the restored member restarted the TTL.
        assert.ok(ttl.ttl > 600 - elapsed + 1, `remaining TTL ${ttl.ttl}s after ${elapsed}s`);
        assert.equal(
          etcdctl(restored.endpoint, "get", "/locks/job", "--print-value-only").trim(),
          "held",
        );
        // What the runbook tells the operator to do: revoke the leases of the old clients.
        assert.match(etcdctl(restored.endpoint, "lease", "list"), new RegExp(id));
        etcdctl(restored.endpoint, "lease", "revoke", id);
        assert.equal(etcdctl(restored.endpoint, "get", "/locks/job").trim(), "");
      } finally {
        await restored.stop();
      }
    });
  });
});
