#!/usr/bin/env bash
# The restore drill: restores the newest backup into a scratch directory, starts a throwaway
# etcd on it (loopback only), and checks its key count and revision against the manifest. Fails
# too when the newest backup is older than MAX_AGE_SECONDS (a stale backup is an outage waiting).
#   S3_BUCKET, [S3_PREFIX], [S3_ENDPOINT_URL], [MAX_AGE_SECONDS=93600 (26 h)]
source "$(dirname "$0")/lib.sh"
max_age="${MAX_AGE_SECONDS:-93600}"

scratch=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

name=$(DATA_DIR="$scratch/data" "$(dirname "$0")/etcd-restore.sh")
age=$(backup_age "$name")
[ "$age" -le "$max_age" ] || die "newest backup $name is ${age}s old (limit ${max_age}s): backups are not running"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
peer=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
etcd --data-dir "$scratch/data" --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
  --listen-peer-urls "http://127.0.0.1:$peer" >"$scratch/etcd.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do etcdctl --endpoints "127.0.0.1:$port" endpoint health >/dev/null 2>&1 && break; sleep 0.1; done
etcdctl --endpoints "127.0.0.1:$port" endpoint health >/dev/null 2>&1 || die "the restored etcd did not start: $(tail -n 5 "$scratch/etcd.log")"

keys=$(etcdctl --endpoints "127.0.0.1:$port" get "" --prefix --keys-only | grep -c . || true)
expected=$(manifest_field "$scratch/data.manifest.json" liveKeys)
[ "$keys" -eq "$expected" ] || die "restored $name has $keys keys but held $expected at its snapshot revision"
revision=$(etcdctl --endpoints "127.0.0.1:$port" endpoint status --write-out json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])')
expected_rev=$(manifest_field "$scratch/data.manifest.json" revision)
[ "$revision" -ge "$expected_rev" ] || die "restored $name is at revision $revision, below the snapshot's $expected_rev"
log "restore drill passed: $name restored with $keys keys at revision $revision (age ${age}s)"
