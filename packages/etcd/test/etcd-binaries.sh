#!/usr/bin/env bash
# etcd, etcdctl and etcdutl 3.5 for the script tests: the minor the StatefulSet runs and the exact
# Debian packages the backup image installs (image/Dockerfile pins the same version; a test checks
# they agree). Taken from Debian trixie's etcd-server and etcd-client .debs, verified against the
# sha256 below (from dists/trixie/main/binary-amd64/Packages.gz) and unpacked with dpkg-deb into a
# cache directory shared by every checkout. The binaries link only against libc (>= 2.34), so they
# run on bookworm too.
#   etcd-binaries.sh           installs when missing, then prints the bin directory
#   etcd-binaries.sh --print   prints the bin directory, or fails when it is not installed
# When Debian replaces this version (a trixie point release), the pool drops it: take the new
# version and sha256 from Packages.gz here and in the Dockerfile together.
set -euo pipefail

version=3.5.16-4
declare -A sha256=(
  [etcd-server]=0875921bb0d023f2af9b8e15cdfbe417a03e65731345fb832c40f9c2dd72967b
  [etcd-client]=7eb67e305ba2ce523a5a0b29bf88750ded3f724769c7111a83382b7909f9977b
)
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="${ETCD_BIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/platform-etcd}/$version"
bin="$root/usr/bin"

installed() { [ -x "$bin/etcd" ] && [ -x "$bin/etcdctl" ] && [ -x "$bin/etcdutl" ]; }

if [ "${1:-}" = "--print" ]; then
  installed || { echo "etcd $version binaries are not installed in $root: run bash $0" >&2; exit 1; }
  echo "$bin"
  exit 0
fi
installed && { echo "$bin"; exit 0; }

[ "$(dpkg --print-architecture)" = amd64 ] ||
  { echo "only the amd64 packages are pinned here; add the sha256 of $(dpkg --print-architecture)" >&2; exit 1; }
mkdir -p "${root%/*}"
staging=$(mktemp -d "${root%/*}/.staging.XXXXXX")
trap 'rm -rf "$staging"' EXIT
for pkg in etcd-server etcd-client; do
  deb="$staging/${pkg}_${version}_amd64.deb"
  url="$mirror/pool/main/e/etcd/${pkg}_${version}_amd64.deb"
  curl -fsSL --retry 3 -o "$deb" "$url" ||
    { echo "cannot download $url (superseded? take the current version from dists/trixie)" >&2; exit 1; }
  echo "${sha256[$pkg]}  $deb" | sha256sum --check --quiet ||
    { echo "$url does not match its pinned sha256 ${sha256[$pkg]}" >&2; exit 1; }
  dpkg-deb -x "$deb" "$staging/root"
done
rm -rf "$root"
mv "$staging/root" "$root"
installed || { echo "the packages did not contain etcd, etcdctl and etcdutl" >&2; exit 1; }
echo "$bin"
