#!/usr/bin/env bash
# Fails when the newest backup with a valid manifest is older than MAX_AGE_SECONDS (the schedule
# plus slack): run hourly, its failed Job is the alert that snapshots stopped. Cheap: reads
# manifests only, no restore.
#   S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL], [MAX_AGE_SECONDS=93600 (26 h)]
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
max_age="${MAX_AGE_SECONDS:-93600}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
backups=$(list_backups)
[ -n "$backups" ] || die "no complete backup under $s3/: backups are not running"
# Only a backup with a valid manifest counts; newer ones without are reported.
newest=""
while read -r name; do
  if reason=$(fetch_manifest "$name" "$work/manifest.json"); then newest=$name; break; fi
  log "skipping backup $name: $reason"
done < <(tac <<<"$backups")
[ -n "$newest" ] || die "none of the backups under $s3/ has a valid manifest: backups are not running"
age=$(py age "$newest")
[ "$age" -le "$max_age" ] || die "newest backup $newest is ${age}s old (limit ${max_age}s): backups are not running"
log "newest backup $newest is ${age}s old (limit ${max_age}s)"
