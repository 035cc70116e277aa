#!/usr/bin/env bash
# The restore drill: restores the newest backup into a scratch directory, starts a throwaway etcd
# on it (loopback only), and compares every key's value digest with the backup's, and the
# revision with the manifest's. Fails when the newest backup cannot be restored (a damaged one is
# not skipped here: the drill proves the newest backup) or is older than MAX_AGE_SECONDS (a stale
# backup is an outage waiting).
#   S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL], [MAX_AGE_SECONDS=93600 (26 h)]
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
max_age="${MAX_AGE_SECONDS:-93600}"

scratch=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

newest=$(list_backups | tail -n 1)
[ -n "$newest" ] || die "no complete backup under $s3/: backups are not running"
age=$(py age "$newest")
[ "$age" -le "$max_age" ] || die "newest backup $newest is ${age}s old (limit ${max_age}s): backups are not running"
name=$(BACKUP="$newest" DATA_DIR="$scratch/data" "$(dirname "$0")/etcd-restore.sh")
manifest="$scratch/data.manifest.json"
reason=$(py manifest-check "$manifest" "$name" --drill) || die "backup $name cannot be verified: $reason"

expected="$scratch/data.keys.json"
[ -f "$expected" ] || die "backup $name has no key digests ($name.keys.json)"
[ "$(sha256sum "$expected" | cut -d' ' -f1)" = "$(py manifest-get "$manifest" keysSha256)" ] ||
  die "the key digests of $name do not match its manifest's keysSha256"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
peer=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
etcd --data-dir "$scratch/data" --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
  --listen-peer-urls "http://127.0.0.1:$peer" >"$scratch/etcd.log" 2>&1 &
pid=$!
local_etcdctl=(etcdctl --endpoints "127.0.0.1:$port")
for _ in $(seq 1 100); do "${local_etcdctl[@]}" endpoint health >/dev/null 2>&1 && break; sleep 0.1; done
"${local_etcdctl[@]}" endpoint health >/dev/null 2>&1 || die "the restored etcd did not start: $(tail -n 5 "$scratch/etcd.log")"

keys=$(py compare "$expected" -- "${local_etcdctl[@]}" 2>&1) || die "backup $name: ${keys#error: }"
revision=$("${local_etcdctl[@]}" endpoint status --write-out json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])')
expected_rev=$(py manifest-get "$manifest" revision)
[ "$revision" -ge "$expected_rev" ] || die "restored $name is at revision $revision, below the snapshot's $expected_rev"
log "restore drill passed: $name restored $keys keys, each value matching its digest in the backup, at revision $revision (age ${age}s)"
