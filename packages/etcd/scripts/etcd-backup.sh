#!/usr/bin/env bash
# Takes an etcd snapshot, checks it, and uploads it with a manifest. A backup counts only once
# its manifest (revision, key count, sha256) is written, after the snapshot upload succeeded: a
# failed or partial upload is never taken for a good backup, and earlier backups are untouched.
#   ETCD_ENDPOINTS, [ETCD_CACERT ETCD_CERT ETCD_KEY], S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL]
#   [BACKUP_REASON] e.g. "pre-upgrade" for an on-demand snapshot before a risky change
source "$(dirname "$0")/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name="$(date -u +%Y%m%dT%H%M%SZ)-${BACKUP_REASON:-scheduled}"
snapshot="$work/$name.db"

log "saving snapshot from $ETCD_ENDPOINTS"
etcdctl_tls snapshot save "$snapshot" >/dev/null || die "etcdctl snapshot save failed; nothing was uploaded"

log "checking snapshot integrity"
# etcdutl: offline snapshot commands moved there in etcd 3.5 (etcdctl's print a deprecation notice).
status=$(etcdutl snapshot status "$snapshot" --write-out json 2>&1) ||
  die "snapshot $name failed its integrity check (${status}); nothing was uploaded, earlier backups are intact"
read -r revision keys < <(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["revision"], s["totalKey"])' "$status")
sha=$(sha256sum "$snapshot" | cut -d' ' -f1)
# The live key count at exactly the snapshot's revision: what a restore must bring back.
# (--keys-only prints one key per non-empty line; etcdctl 3.4 has no --count-only.)
keylist=$(etcdctl_tls get "" --prefix --keys-only --rev="$revision") || die "cannot list keys at revision $revision"
live=$(printf '%s\n' "$keylist" | grep -c . || true)

log "uploading s3://$S3_BUCKET/$S3_PREFIX/$name.db (revision $revision, $keys keys)"
awscli s3 cp --only-show-errors "$snapshot" "s3://$S3_BUCKET/$S3_PREFIX/$name.db" ||
  die "upload of $name.db failed; no manifest written, so it does not count as a backup"

printf '{"name":"%s","revision":%s,"totalKey":%s,"liveKeys":%s,"sha256":"%s","reason":"%s"}\n' \
  "$name" "$revision" "$keys" "$live" "$sha" "${BACKUP_REASON:-scheduled}" > "$work/$name.manifest.json"
awscli s3 cp --only-show-errors "$work/$name.manifest.json" "s3://$S3_BUCKET/$S3_PREFIX/$name.manifest.json" ||
  die "manifest upload for $name failed; the snapshot does not count as a backup"
log "backup $name complete"
echo "$name"
