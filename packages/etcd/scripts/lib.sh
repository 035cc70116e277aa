# Shared helpers for the etcd backup scripts (sourced, not run).
set -euo pipefail

die() { echo "error: $*" >&2; exit 1; }
log() { echo "[$(date -u +%FT%TZ)] $*" >&2; }

: "${S3_BUCKET:?set S3_BUCKET to the backup bucket}"
S3_PREFIX="${S3_PREFIX:-etcd}"
AWS_CLI="${AWS_CLI:-aws}"

# The AWS CLI, pointed at S3_ENDPOINT_URL when set (an S3-compatible server in tests).
awscli() {
  if [ -n "${S3_ENDPOINT_URL:-}" ]; then "$AWS_CLI" --endpoint-url "$S3_ENDPOINT_URL" "$@"; else "$AWS_CLI" "$@"; fi
}

# etcdctl with the client mTLS flags when certificates are configured.
etcdctl_tls() {
  local flags=()
  if [ -n "${ETCD_CACERT:-}" ]; then flags+=(--cacert "$ETCD_CACERT" --cert "$ETCD_CERT" --key "$ETCD_KEY"); fi
  # Bounded: an unreachable or misconfigured endpoint fails the job instead of hanging it.
  timeout "${ETCD_TIMEOUT_SECONDS:-300}" etcdctl --dial-timeout=5s \
    --endpoints "${ETCD_ENDPOINTS:?set ETCD_ENDPOINTS}" "${flags[@]}" "$@"
}

# Names of the complete backups (those with a manifest), oldest first.
list_backups() {
  awscli s3api list-objects-v2 --bucket "$S3_BUCKET" --prefix "$S3_PREFIX/" --query 'Contents[].Key' --output text 2>/dev/null |
    tr '\t' '\n' | grep -E '\.manifest\.json$' | sed -E 's#^.*/##; s#\.manifest\.json$##' | sort || true
}

# A JSON field of a manifest file (no jq dependency: python3 is on the backup image).
manifest_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# Seconds since a backup was taken, from its name (<UTC yyyymmddThhmmssZ>-<reason>).
backup_age() {
  local stamp
  stamp=$(echo "$1" | cut -d- -f1 | sed -E 's/(....)(..)(..)T(..)(..)(..)Z/\1-\2-\3 \4:\5:\6/')
  echo $(( $(date -u +%s) - $(date -u -d "$stamp" +%s) ))
}
