#!/usr/bin/env bash
# Fails when the newest complete backup is older than MAX_AGE_SECONDS (the schedule plus slack):
# run hourly, its failed Job is the alert that snapshots stopped. Cheap: no restore.
#   S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL], [MAX_AGE_SECONDS=93600 (26 h)]
source "$(dirname "$0")/lib.sh"
max_age="${MAX_AGE_SECONDS:-93600}"
newest=$(list_backups | tail -n 1)
[ -n "$newest" ] || die "no complete backup under s3://$S3_BUCKET/$S3_PREFIX/: backups are not running"
age=$(backup_age "$newest")
[ "$age" -le "$max_age" ] || die "newest backup $newest is ${age}s old (limit ${max_age}s): backups are not running"
log "newest backup $newest is ${age}s old (limit ${max_age}s)"
