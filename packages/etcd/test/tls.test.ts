import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Etcd, etcdctl, runScript, startS3 } from "./servers";

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function certificates(dir: string): void {
  const sh = (cmd: string) => {
    const r = spawnSync("bash", ["-c", cmd], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  };
  sh(
    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=test-ca",
  );
  fs.writeFileSync(
    path.join(dir, "server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
  );
  fs.writeFileSync(path.join(dir, "client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const name of ["server", "client"]) {
    sh(
      `openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ${name}.key -out ${name}.csr -subj /CN=${name}`,
    );
    sh(
      `openssl x509 -req -in ${name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out ${name}.crt -days 1 -extfile ${name}.ext`,
    );
  }
}

describe("etcd backup over mTLS (real etcd with client-certificate auth)", function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "etcd-tls-"));
  let etcd: Etcd;
  let s3: Awaited<ReturnType<typeof startS3>>;

  before(async () => {
    certificates(dir);
    s3 = await startS3("tls-backups");
    const f = (name: string) => path.join(dir, name);
    etcd = await Etcd.start(f("data"), {
      ca: f("ca.crt"),
      cert: f("server.crt"),
      key: f("server.key"),
      clientCert: f("client.crt"),
      clientKey: f("client.key"),
    });
  });

  after(async () => {
    await etcd?.stop();
    await s3?.close();
  });

  it("refuses a client without the certificate flags, and backs up with them", async () => {
    const env = {
      ETCD_ENDPOINTS: etcd.endpoint,
      S3_BUCKET: "tls-backups",
      S3_ENDPOINT_URL: s3.endpoint,
    };
    const without = await runScript("etcd-backup.sh", { ...env, ETCD_TIMEOUT_SECONDS: "10" });
    assert.notEqual(without.status, 0);
    assert.match(without.stderr, /etcdctl snapshot save failed; nothing was uploaded/);
    const certs = {
      ETCD_CACERT: path.join(dir, "ca.crt"),
      ETCD_CERT: path.join(dir, "client.crt"),
      ETCD_KEY: path.join(dir, "client.key"),
    };
    // A store never written to: its snapshot's revision is 0.
    const empty = await runScript("etcd-backup.sh", { ...env, ...certs, BACKUP_REASON: "empty" });
    assert.equal(empty.status, 0, empty.stderr);
    assert.match(empty.stderr, /backup .*-empty complete: revision 0, 0 live keys/);
    // The key digests are read over mTLS too.
    const tlsFlags = ["--cacert", certs.ETCD_CACERT, "--cert", certs.ETCD_CERT];
    etcdctl(etcd.endpoint, ...tlsFlags, "--key", certs.ETCD_KEY, "put", "/app/k", "v");
    const withCerts = await runScript("etcd-backup.sh", { ...env, ...certs });
    assert.equal(withCerts.status, 0, withCerts.stderr);
    assert.match(withCerts.stderr, /backup .*-scheduled complete: revision \d+, 1 live keys/);
  });
});
