#!/usr/bin/env bash
# Takes an etcd snapshot, checks it, and uploads it with its per-key digests and a manifest. A
# backup counts only once its manifest is written, last, after the manifest was built with a JSON
# tool and validated as a restore will read it and the uploads succeeded: a failed or partial
# upload is never taken for a good backup, and earlier backups are untouched.
#   ETCD_ENDPOINTS, [ETCD_CACERT ETCD_CERT ETCD_KEY], S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL]
#   [BACKUP_REASON] e.g. "pre-upgrade" for an on-demand snapshot before a risky change
#   [DIGEST_PAGE_KEYS=100] keys read per etcdctl call when digesting values
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reason="${BACKUP_REASON:-scheduled}"
name="$(date -u +%Y%m%dT%H%M%SZ)-$reason"
mkdir "$work/upload"
snapshot="$work/upload/$name.db"
keys="$work/upload/$name.keys.json"

log "saving snapshot from $ETCD_ENDPOINTS"
etcdctl_tls snapshot save "$snapshot" >/dev/null || die "etcdctl snapshot save failed; nothing was uploaded"

log "checking snapshot integrity"
# etcdutl: offline snapshot commands moved there in etcd 3.5 (etcdctl's print a deprecation notice).
status=$(etcdutl snapshot status "$snapshot" --write-out json 2>&1) ||
  die "snapshot $name failed its integrity check (${status}); nothing was uploaded, earlier backups are intact"
read -r revision total < <(py snapshot-status "$status") || exit 1
sha=$(sha256sum "$snapshot" | cut -d' ' -f1)

# The live keys at exactly the snapshot's revision, from etcdctl's JSON (keys may hold newlines
# or any byte), with a sha256 per value: what a restore must bring back, key by key.
etcdctl_cmd
live=$(py digest "$keys" --rev "$revision" -- "${etcdctl_args[@]}") ||
  die "cannot read the keys at revision $revision; nothing was uploaded"

problem=$(py manifest-write "$work/$name.manifest.json" "name=$name" "reason=$reason" "revision=$revision" \
  "totalKey=$total" "liveKeys=$live" "sha256=$sha" "keysSha256=$(sha256sum "$keys" | cut -d' ' -f1)") ||
  die "$problem; nothing was uploaded"

log "uploading $name.db and $name.keys.json to $s3/ (revision $revision, $live live keys)"
awscli s3 cp --only-show-errors --recursive "$work/upload/" "$s3/" ||
  die "upload of $name.db and $name.keys.json failed; no manifest written, so it does not count as a backup"
awscli s3 cp --only-show-errors "$work/$name.manifest.json" "$s3/$name.manifest.json" ||
  die "manifest upload for $name failed; the snapshot does not count as a backup"
log "backup $name complete: revision $revision, $live live keys ($total key revisions in the snapshot)"
echo "$name"
