#!/usr/bin/env bash
# Restores a backup into a new data directory. Picks the newest complete backup (or BACKUP),
# verifies its sha256 against the manifest before use, and restores into a temporary directory
# that is moved into place only on success: an existing DATA_DIR is never overwritten.
#   S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL], DATA_DIR, [BACKUP], [MEMBER_NAME] [INITIAL_CLUSTER]
#   [INITIAL_ADVERTISE_PEER_URLS]: pass these three when restoring a member of a cluster.
source "$(dirname "$0")/lib.sh"
: "${DATA_DIR:?set DATA_DIR to the directory to restore into (must not exist)}"
[ -e "$DATA_DIR" ] && die "DATA_DIR $DATA_DIR already exists; restore into a new directory so the current data stays intact"

backups=$(list_backups)
[ -n "$backups" ] || die "no complete backup under s3://$S3_BUCKET/$S3_PREFIX/"
name="${BACKUP:-$(echo "$backups" | tail -n 1)}"
echo "$backups" | grep -qx "$name" || die "backup $name has no manifest; complete backups: $(echo "$backups" | tr '\n' ' ')"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awscli s3 cp --only-show-errors "s3://$S3_BUCKET/$S3_PREFIX/$name.manifest.json" "$work/manifest.json" || die "cannot download the manifest of $name"
awscli s3 cp --only-show-errors "s3://$S3_BUCKET/$S3_PREFIX/$name.db" "$work/snapshot.db" || die "cannot download snapshot $name.db"

expected=$(manifest_field "$work/manifest.json" sha256)
actual=$(sha256sum "$work/snapshot.db" | cut -d' ' -f1)
if [ "$expected" != "$actual" ]; then
  previous=$(echo "$backups" | grep -vx "$name" | tail -n 1)
  die "snapshot $name is corrupt (sha256 $actual, manifest says $expected); not restored. ${previous:+The previous backup $previous is intact: rerun with BACKUP=$previous}"
fi

log "restoring $name (revision $(manifest_field "$work/manifest.json" revision)) into $DATA_DIR"
args=()
if [ -n "${MEMBER_NAME:-}" ]; then
  args+=(--name "$MEMBER_NAME" --initial-cluster "$INITIAL_CLUSTER" --initial-advertise-peer-urls "$INITIAL_ADVERTISE_PEER_URLS")
fi
staging="$DATA_DIR.restoring.$$"
etcdutl snapshot restore "$work/snapshot.db" --data-dir "$staging" "${args[@]}" >/dev/null 2>"$work/restore.log" ||
  { rm -rf "$staging"; die "etcdutl snapshot restore failed: $(tail -n 3 "$work/restore.log")"; }
mv "$staging" "$DATA_DIR"
cp "$work/manifest.json" "$DATA_DIR.manifest.json"
log "restored $name into $DATA_DIR"
echo "$name"
