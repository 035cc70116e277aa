#!/usr/bin/env bash
# Restores a backup into a new data directory. Picks the newest backup whose manifest is valid
# (or BACKUP), verifies the snapshot's sha256 against the manifest before use, and restores into
# a temporary directory that is moved into place only on success: an existing DATA_DIR is never
# overwritten. When the backup is damaged, nothing is restored and the message names the newest
# older backup that is intact (manifest valid, sha256 verified), with the damaged ones skipped.
# Leaves the manifest and key digests next to it: $DATA_DIR.manifest.json, $DATA_DIR.keys.json.
#   S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL], DATA_DIR, [BACKUP], [MEMBER_NAME] [INITIAL_CLUSTER]
#   [INITIAL_ADVERTISE_PEER_URLS]: pass these three when restoring a member of a cluster.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
: "${DATA_DIR:?set DATA_DIR to the directory to restore into (must not exist)}"
[ -e "$DATA_DIR" ] && die "DATA_DIR $DATA_DIR already exists; restore into a new directory so the current data stays intact"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

backups=$(list_backups)
[ -n "$backups" ] || die "no complete backup under $s3/"
if [ -n "${BACKUP:-}" ]; then
  grep -qxF -- "$BACKUP" <<<"$backups" ||
    die "backup $BACKUP has no manifest under $s3/; complete backups: $(tr '\n' ' ' <<<"$backups")"
  candidates=$BACKUP
else
  candidates=$(tac <<<"$backups")
fi
name=""
while read -r candidate; do
  if reason=$(fetch_backup "$candidate" "$work/backup"); then name=$candidate; break; else status=$?; fi
  # Without BACKUP, a backup whose manifest is not valid is skipped; a damaged snapshot is not:
  # restoring older data than the newest backup is the operator's decision.
  if [ "$status" -eq 2 ] && [ -z "${BACKUP:-}" ]; then log "skipping backup $candidate: $reason"; continue; fi
  die "backup $candidate cannot be restored: $reason; not restored.$(intact_before "$backups" "$candidate" "$work/older")"
done <<<"$candidates"
[ -n "$name" ] || die "none of the backups under $s3/ has a valid manifest"

manifest="$work/backup/$name.manifest.json"
log "restoring $name (revision $(py manifest-get "$manifest" revision)) into $DATA_DIR"
args=()
if [ -n "${MEMBER_NAME:-}" ]; then
  args+=(--name "$MEMBER_NAME" --initial-cluster "$INITIAL_CLUSTER" --initial-advertise-peer-urls "$INITIAL_ADVERTISE_PEER_URLS")
fi
staging="$DATA_DIR.restoring.$$"
etcdutl snapshot restore "$work/backup/$name.db" --data-dir "$staging" "${args[@]}" >/dev/null 2>"$work/restore.log" ||
  { rm -rf "$staging"; die "etcdutl snapshot restore failed: $(tail -n 3 "$work/restore.log")"; }
mv "$staging" "$DATA_DIR"
cp "$manifest" "$DATA_DIR.manifest.json"
[ ! -f "$work/backup/$name.keys.json" ] || cp "$work/backup/$name.keys.json" "$DATA_DIR.keys.json"
log "restored $name into $DATA_DIR"
echo "$name"
