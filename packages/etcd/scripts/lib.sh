# shellcheck shell=bash
# Shared helpers for the etcd backup scripts (sourced, not run). JSON, name rules and key digests
# live in lib.py, next to this file.
set -euo pipefail

die() { echo "error: $*" >&2; exit 1; }
log() { echo "[$(date -u +%FT%TZ)] $*" >&2; }
py() { python3 "$(dirname "${BASH_SOURCE[0]}")/lib.py" "$@"; }

: "${S3_BUCKET:?set S3_BUCKET to the backup bucket}"
S3_PREFIX="${S3_PREFIX:-etcd}"
AWS_CLI="${AWS_CLI:-aws}"
# Every setting that reaches an S3 key, a file name or a manifest, checked once, before anything
# is read or written; all problems are reported together.
py check-env "S3_BUCKET=$S3_BUCKET" "S3_PREFIX=$S3_PREFIX" \
  ${BACKUP_REASON+"BACKUP_REASON=$BACKUP_REASON"} ${BACKUP+"BACKUP=$BACKUP"} || exit 1
s3="s3://$S3_BUCKET/$S3_PREFIX"

# The AWS CLI, pointed at S3_ENDPOINT_URL when set (an S3-compatible server in tests).
awscli() {
  if [ -n "${S3_ENDPOINT_URL:-}" ]; then "$AWS_CLI" --endpoint-url "$S3_ENDPOINT_URL" "$@"; else "$AWS_CLI" "$@"; fi
}

# etcdctl against ETCD_ENDPOINTS with the client mTLS flags when certificates are configured,
# bounded so an unreachable or misconfigured endpoint fails the job instead of hanging it.
etcdctl_cmd() {
  etcdctl_args=(timeout "${ETCD_TIMEOUT_SECONDS:-300}" etcdctl --dial-timeout=5s
    --endpoints "${ETCD_ENDPOINTS:?set ETCD_ENDPOINTS}")
  if [ -n "${ETCD_CACERT:-}" ]; then
    etcdctl_args+=(--cacert "$ETCD_CACERT" --cert "${ETCD_CERT:?set ETCD_CERT (client certificate) with ETCD_CACERT}"
      --key "${ETCD_KEY:?set ETCD_KEY (client key) with ETCD_CACERT}")
  fi
}
etcdctl_tls() { etcdctl_cmd; "${etcdctl_args[@]}" "$@"; }

# Names of the complete backups (those with a manifest), oldest first. Objects that are not
# named like a backup are reported and left out.
list_backups() {
  local listing errors
  errors=$(mktemp)
  listing=$(awscli s3api list-objects-v2 --bucket "$S3_BUCKET" --prefix "$S3_PREFIX/" --output json 2>"$errors") ||
    die "cannot list $s3/: $(cat "$errors"; rm -f "$errors")"
  rm -f "$errors"
  py backups "$S3_PREFIX/" <<<"$listing"
}

# Downloads the manifest of backup $1 to $2 and checks it. On failure prints why.
fetch_manifest() {
  local out
  out=$(awscli s3 cp --only-show-errors "$s3/$1.manifest.json" "$2" 2>&1) || { echo "its manifest cannot be downloaded: $out"; return 1; }
  py manifest-check "$2" "$1"
}

# Downloads backup $1 into directory $2 in one call ($1.manifest.json, $1.db and, when it has
# them, $1.keys.json), checks the manifest and the snapshot's sha256 against it. On failure
# prints why and returns 2 when the manifest is the problem, 1 otherwise.
fetch_backup() {
  local out expected actual
  rm -rf "$2" && mkdir -p "$2"
  out=$(awscli s3 cp --only-show-errors --recursive "$s3/" "$2/" --exclude '*' \
    --include "$1.manifest.json" --include "$1.db" --include "$1.keys.json" 2>&1) ||
    { echo "it cannot be downloaded: $out"; return 1; }
  [ -f "$2/$1.manifest.json" ] || { echo "its manifest is gone"; return 2; }
  out=$(py manifest-check "$2/$1.manifest.json" "$1") || { echo "$out"; return 2; }
  [ -f "$2/$1.db" ] || { echo "its snapshot is missing"; return 1; }
  expected=$(py manifest-get "$2/$1.manifest.json" sha256)
  actual=$(sha256sum "$2/$1.db" | cut -d' ' -f1)
  [ "$expected" = "$actual" ] || { echo "its snapshot is corrupt: sha256 $actual, its manifest says $expected"; return 1; }
}

# Where to go when backup $2 of backups $1 (list_backups) cannot be used: walks back from the
# backup before it, verifying each one's manifest and snapshot sha256, and prints the damaged
# ones it skipped and the newest intact one. Downloads into directory $3.
intact_before() {
  local name reason skipped=()
  while read -r name; do
    [ -n "$name" ] || continue
    if reason=$(fetch_backup "$name" "$3"); then
      rm -rf "$3"
      if [ "${#skipped[@]}" -gt 0 ]; then
        printf '\n  skipped %d older backups, damaged too:' "${#skipped[@]}"
        printf '\n    %s' "${skipped[@]}"
      fi
      printf '\n  the newest intact backup before it is %s (sha256 checked against its manifest): rerun with BACKUP=%s' "$name" "$name"
      return 0
    fi
    skipped+=("$name: $reason")
  done < <(awk -v n="$2" '$0 == n { exit } { print }' <<<"$1" | tac)
  rm -rf "$3"
  printf '\n  no older backup is intact'
  [ "${#skipped[@]}" -eq 0 ] || printf ' (%d checked):' "${#skipped[@]}"
  [ "${#skipped[@]}" -eq 0 ] || printf '\n    %s' "${skipped[@]}"
}
