import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AWS_CLI, ETCD_BIN, Etcd, etcdctl, runScript, startS3 } from "./servers";

const BUCKET = "etcd-backups";
const data = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [
    `/app/config/${String(i).padStart(3, "0")}`,
    `value-${i}-${"x".repeat(i)}`,
  ]),
);

function listKeys(endpoint: string): Record<string, string> {
  const lines = etcdctl(endpoint, "get", "", "--prefix")
    .split("\n")
    .filter((l) => l.length > 0);
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) out[lines[i]!] = lines[i + 1]!;
  return out;
}

/** A fake command early on PATH that wraps the real one, for failure injection. */
function wrapper(name: string, script: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fake-${name}-`));
  fs.writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\n${script}\n`, { mode: 0o755 });
  return dir;
}

describe("etcd backup and restore scripts (real etcd, S3-compatible server)", function () {
  this.timeout(120_000);
  let s3: Awaited<ReturnType<typeof startS3>>;
  let etcd: Etcd;
  let env: Record<string, string>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-test-"));

  before(async () => {
    s3 = await startS3(BUCKET);
    etcd = await Etcd.start(path.join(tmp, "source"));
    for (const [k, v] of Object.entries(data)) etcdctl(etcd.endpoint, "put", k, v);
    env = {
      ETCD_ENDPOINTS: etcd.endpoint,
      S3_BUCKET: BUCKET,
      S3_PREFIX: "prod/etcd",
      S3_ENDPOINT_URL: s3.endpoint,
    };
  });

  after(async () => {
    await etcd?.stop();
    await s3?.close();
  });

  it("backs up, and after the data is deleted restores every key and value", async () => {
    const backup = await runScript("etcd-backup.sh", env);
    assert.equal(backup.status, 0, backup.stderr);
    const name = backup.stdout.trim();
    assert.match(name, /^\d{8}T\d{6}Z-scheduled$/);

    etcdctl(etcd.endpoint, "del", "", "--prefix");
    assert.deepEqual(listKeys(etcd.endpoint), {});

    const dataDir = path.join(tmp, "restored");
    const restore = await runScript("etcd-restore.sh", { ...env, DATA_DIR: dataDir });
    assert.equal(restore.status, 0, restore.stderr);
    assert.equal(restore.stdout.trim(), name);
    const restored = await Etcd.start(dataDir);
    try {
      assert.deepEqual(listKeys(restored.endpoint), data);
    } finally {
      await restored.stop();
    }
  });

  it("never restores over an existing data directory", async () => {
    const existing = fs.mkdtempSync(path.join(tmp, "existing-"));
    fs.writeFileSync(path.join(existing, "keep"), "precious");
    const r = await runScript("etcd-restore.sh", { ...env, DATA_DIR: existing });
    assert.notEqual(r.status, 0);
    assert.match(
      r.stderr,
      /already exists; restore into a new directory so the current data stays intact/,
    );
    assert.equal(fs.readFileSync(path.join(existing, "keep"), "utf8"), "precious");
  });

  it("rejects a corrupt snapshot at backup time and leaves the earlier backups intact", async () => {
    const before = await runScript("etcd-backup.sh", {
      ...env,
      BACKUP_REASON: "before-corruption",
    });
    assert.equal(before.status, 0, before.stderr);
    // etcdctl whose snapshot save writes a truncated file.
    const fake = wrapper(
      "etcdctl",
      `"${ETCD_BIN}/etcdctl" "$@"; rc=$?\nif [ "$1 $2" = "snapshot save" ] || [ "$3 $4" = "snapshot save" ] || [[ " $* " == *" snapshot save "* ]]; then f="\${@: -1}"; head -c 4096 "$f" > "$f.cut" && mv "$f.cut" "$f"; fi\nexit $rc`,
    );
    const corrupt = await runScript("etcd-backup.sh", { ...env, BACKUP_REASON: "corrupt" }, fake);
    assert.notEqual(corrupt.status, 0);
    assert.match(
      corrupt.stderr,
      /failed its integrity check .*nothing was uploaded, earlier backups are intact/s,
    );
    const listing = await runScript("etcd-restore.sh", {
      ...env,
      DATA_DIR: path.join(tmp, "after-corrupt"),
    });
    assert.equal(listing.status, 0, listing.stderr);
    assert.equal(listing.stdout.trim(), before.stdout.trim());
  });

  it("does not count a failed upload as a backup", async () => {
    const good = await runScript("etcd-backup.sh", { ...env, BACKUP_REASON: "good" });
    assert.equal(good.status, 0, good.stderr);
    // The AWS CLI fails the snapshot upload.
    const fake = wrapper(
      "aws-failing",
      `if [[ " $* " == *" s3 cp "* ]] && [[ " $* " == *" --recursive /"* ]]; then echo "upload failed: connection reset" >&2; exit 1; fi\nexec ${AWS_CLI} "$@"`,
    );
    const failed = await runScript("etcd-backup.sh", {
      ...env,
      BACKUP_REASON: "failed",
      AWS_CLI: path.join(fake, "aws-failing"),
    });
    assert.notEqual(failed.status, 0);
    assert.match(
      failed.stderr,
      /upload of .*-failed\.db and .*-failed\.keys\.json failed; no manifest written, so it does not count as a backup/,
    );
    const restore = await runScript("etcd-restore.sh", {
      ...env,
      DATA_DIR: path.join(tmp, "after-failed-upload"),
    });
    assert.equal(restore.stdout.trim(), good.stdout.trim());
  });

  it("refuses a snapshot whose content no longer matches its manifest, naming the previous good one", async () => {
    const older = await runScript("etcd-backup.sh", { ...env, BACKUP_REASON: "older" });
    const newer = await runScript("etcd-backup.sh", { ...env, BACKUP_REASON: "tampered" });
    assert.equal(newer.status, 0, newer.stderr);
    await s3.put(`prod/etcd/${newer.stdout.trim()}.db`, "not a snapshot");
    const restore = await runScript("etcd-restore.sh", {
      ...env,
      DATA_DIR: path.join(tmp, "tampered"),
    });
    assert.notEqual(restore.status, 0);
    assert.match(
      restore.stderr,
      new RegExp(
        `backup ${newer.stdout.trim()} cannot be restored: its snapshot is corrupt: .*\\n  the newest intact backup before it is ${older.stdout.trim()} \\(sha256 checked against its manifest\\): rerun with BACKUP=${older.stdout.trim()}`,
      ),
    );
    assert.ok(!fs.existsSync(path.join(tmp, "tampered")));
    const fallback = await runScript("etcd-restore.sh", {
      ...env,
      DATA_DIR: path.join(tmp, "fallback"),
      BACKUP: older.stdout.trim(),
    });
    assert.equal(fallback.status, 0, fallback.stderr);
  });

  it("runs the restore drill against the newest good backup, and fails it when backups are stale", async () => {
    for (const [k, v] of Object.entries(data)) etcdctl(etcd.endpoint, "put", k, v);
    const fresh = await runScript("etcd-backup.sh", { ...env, BACKUP_REASON: "drill" });
    assert.equal(fresh.status, 0, fresh.stderr);
    const drill = await runScript("etcd-verify-restore.sh", env);
    assert.equal(drill.status, 0, drill.stderr);
    assert.match(
      drill.stderr,
      /restore drill passed: .*-drill restored 50 keys, each value matching its digest in the backup, at revision \d+/,
    );
    const stale = await runScript("etcd-verify-restore.sh", { ...env, MAX_AGE_SECONDS: "-1" });
    assert.notEqual(stale.status, 0);
    assert.match(
      stale.stderr,
      /newest backup .*-drill is \d+s old \(limit -1s\): backups are not running/,
    );
  });

  it("alerts through a failed age check when the newest backup is older than allowed", async () => {
    const ok = await runScript("etcd-backup-age.sh", { ...env, MAX_AGE_SECONDS: "3600" });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, /newest backup .* is \d+s old \(limit 3600s\)/);
    const stale = await runScript("etcd-backup-age.sh", { ...env, MAX_AGE_SECONDS: "-1" });
    assert.notEqual(stale.status, 0);
    assert.match(stale.stderr, /is \d+s old \(limit -1s\): backups are not running/);
    const empty = await runScript("etcd-backup-age.sh", { ...env, S3_PREFIX: "nothing-here" });
    assert.match(
      empty.stderr,
      /no complete backup under s3:\/\/etcd-backups\/nothing-here\/: backups are not running/,
    );
  });
});
