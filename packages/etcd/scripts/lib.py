"""What the etcd backup scripts do with JSON, names and key digests (standard library only).

Called by lib.sh as `python3 lib.py <command> ...`; a failure is a message on stderr (for the
manifest commands, the reason on stdout, for the caller's message) and a non-zero exit, never a
stack trace.

  check-env NAME=VALUE...          the settings that reach S3 keys, file names or manifests
  backups PREFIX                   complete backups (a manifest object) from list-objects-v2 JSON
                                   on stdin, oldest first
  age NAME                         seconds since the backup was taken (its name's UTC time)
  snapshot-status JSON             "revision totalKey" from `etcdutl snapshot status -w json`
  digest OUT --rev R -- ETCDCTL... per-key digests of the live keys at revision R into OUT;
                                   prints the live key count
  compare EXPECTED -- ETCDCTL...   compares an etcd's keys with the digests in EXPECTED
  manifest-write FILE KEY=VALUE... builds the manifest with json and validates it as a restore
                                   reads it; prints why it is not valid
  manifest-check FILE NAME [--drill]  prints why FILE is not a usable manifest of backup NAME
  manifest-get FILE FIELD           a field of a manifest already checked
"""

import base64
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys

# One rule per user-supplied string. Backup names are "<UTC yyyymmddThhmmssZ>-<reason>"; they name
# S3 objects and local files, so a reason is one path segment of plain characters.
REASON = r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}"
REASON_HINT = "use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit"
NAME_RE = re.compile(r"^(\d{8}T\d{6}Z)-(" + REASON + r")$")
RULES = {
    # https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    "S3_BUCKET": (
        re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"),
        "use an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-'",
    ),
    "S3_PREFIX": (
        re.compile(r"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"),
        "use path segments of letters, digits, '.', '_' or '-' separated by '/', with no "
        "leading, trailing or doubled '/' and no '.' or '..' segment, e.g. etcd/prod",
    ),
    "BACKUP_REASON": (re.compile("^" + REASON + "$"), REASON_HINT + ", e.g. pre-upgrade"),
    "BACKUP": (
        NAME_RE,
        "use the name of a backup, <UTC time>-<reason> such as 20260101T030000Z-scheduled, "
        "as etcd-restore.sh lists them",
    ),
}
MANIFEST_FORMAT = 2
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class Failure(Exception):
    pass


def problem_of(name, value):
    """Why VALUE cannot be used for setting NAME, or None."""
    pattern, hint = RULES[name]
    if len(value) > 512 or not pattern.match(value):
        return f"{name}={shown(value)} cannot be used: {hint}"
    return None


def shown(value):
    """A value quoted so that newlines, quotes, control characters and raw bytes stay visible."""
    return repr(value)[1:] if isinstance(value, bytes) else repr(value)


def check_env(assignments):
    problems = []
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        problem = problem_of(name, value)
        if problem:
            problems.append(problem)
    if problems:
        raise Failure("\nerror: ".join(problems))


def backups(prefix):
    text = sys.stdin.read()
    listing = json.loads(text) if text.strip() else {}
    names = []
    for obj in listing.get("Contents") or []:
        key = obj["Key"]
        if not key.endswith(".manifest.json") or "/" in key[len(prefix):]:
            continue
        name = key[len(prefix): -len(".manifest.json")]
        if NAME_RE.match(name):
            names.append(name)
        else:
            log(f"skipping s3://{os.environ.get('S3_BUCKET', '')}/{key}: not the name of a backup "
                "(<UTC time>-<reason>) made by etcd-backup.sh")
    for name in sorted(names):
        print(name)


def age(name):
    match = NAME_RE.match(name)
    if not match:
        raise Failure(f"{shown(name)} is not a backup name")
    taken = datetime.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ")
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    print(int((now - taken).total_seconds()))


def snapshot_status(text):
    try:
        status = json.loads(text)
        print(status["revision"], status["totalKey"])
    except (ValueError, KeyError, TypeError):
        raise Failure(f"etcdutl snapshot status did not report a revision and key count: {text}")


def etcdctl_json(command, *args):
    result = subprocess.run(command + list(args), capture_output=True)
    if result.returncode != 0:
        error = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Failure(f"etcdctl {args[0]} failed: {error[-1] if error else result.returncode}")
    return json.loads(result.stdout)


def read_digests(command, revision, page_keys):
    """Sorted [key, sha256 of value] of every live key at `revision` (None: the newest; 0, the
    revision etcd gives a snapshot of a store never written to: none).

    The key list (keys only, small) comes first; values are then read in pages of about
    `page_keys` keys so memory stays bounded whatever the values weigh. The first page is the
    first keys of the key space; every other page is the range [its first key, the next page's
    first key). Keys reach etcdctl as argv, which cannot hold a NUL byte, so a key with one never
    starts a page.
    """
    if revision == 0:
        return 0, []  # a snapshot of a store no key was ever written to
    pinned = ["--rev", str(revision)] if revision else []
    listing = etcdctl_json(command, "get", "--prefix", "--keys-only", "-w", "json", *pinned,
                           "--", "")
    revision = revision or listing["header"]["revision"]
    pinned = ["--rev", str(revision)]
    keys = [base64.b64decode(kv["key"]) for kv in listing.get("kvs") or []]
    starts = [0]
    for i in range(1, len(keys)):
        if i - starts[-1] >= page_keys and b"\0" not in keys[i]:
            starts.append(i)
    digests = []
    for n, start in enumerate(starts):
        more = n + 1 < len(starts)
        if n == 0:
            limit = ["--limit", str(starts[1])] if more else []
            page_range = ["--prefix", *limit, "--", b""]
        else:
            end = [keys[starts[n + 1]]] if more else []
            page_range = ["--", keys[start], *end] if more else ["--from-key", "--", keys[start]]
        page = etcdctl_json(command, "get", "-w", "json", *pinned, *page_range)
        for kv in page.get("kvs") or []:
            value = base64.b64decode(kv.get("value", ""))
            digests.append([kv["key"], hashlib.sha256(value).hexdigest()])
    got = [base64.b64decode(k) for k, _ in digests]
    if got != keys:
        raise Failure(f"etcd returned {len(got)} keys in pages at revision {revision}, "
                      f"but listed {len(keys)}")
    return revision, digests


def digest(out, revision, page_keys, command):
    revision, digests = read_digests(command, revision, page_keys)
    with open(out, "w") as f:
        json.dump({"revision": revision, "keys": digests}, f, separators=(",", ":"))
    print(len(digests))


def compare(expected_file, page_keys, command):
    with open(expected_file) as f:
        expected = dict((k, d) for k, d in json.load(f)["keys"])
    _, digests = read_digests(command, None, page_keys)
    actual = dict((k, d) for k, d in digests)
    missing = [k for k in expected if k not in actual]
    unexpected = [k for k in actual if k not in expected]
    changed = [k for k in expected if k in actual and expected[k] != actual[k]]
    if missing or unexpected or changed:
        def some(keys):
            names = [shown(base64.b64decode(k)) for k in keys[:10]]
            return ", ".join(names) + (f" and {len(keys) - 10} more" if len(keys) > 10 else "")
        details = [f"{label}: {some(keys)}" for label, keys in
                   (("missing", missing), ("unexpected", unexpected), ("changed", changed)) if keys]
        counts = f"{len(missing)} missing, {len(unexpected)} unexpected, {len(changed)} changed"
        raise Failure(f"restored data differs from the backup: {counts}; " + "; ".join(details))
    print(len(actual))


def manifest_problem(manifest, name, drill=False):
    """Why a parsed manifest is not usable as the manifest of backup NAME, or None."""
    if not isinstance(manifest, dict):
        return "its manifest is not a JSON object"

    def integer(field):
        value = manifest.get(field)
        if type(value) is not int or value < 0:
            return f"{field}: expected a non-negative integer, got {json.dumps(value)}"
        return None

    problems = [integer("revision")]
    if manifest.get("name") != name:
        problems.append(f"name: expected {json.dumps(name)}, "
                        f"got {json.dumps(manifest.get('name'))}")
    if not (isinstance(manifest.get("sha256"), str) and SHA256_RE.match(manifest["sha256"])):
        problems.append(f"sha256: expected 64 hex digits, got {json.dumps(manifest.get('sha256'))}")
    if "format" in manifest:
        if manifest["format"] != MANIFEST_FORMAT:
            problems.append(f"format: expected {MANIFEST_FORMAT}, "
                            f"got {json.dumps(manifest['format'])}")
        problems += [integer("totalKey"), integer("liveKeys")]
        match = NAME_RE.match(name)
        if not match or manifest.get("reason") != match.group(2):
            problems.append(f"reason: expected the reason in the backup's name, got "
                            f"{json.dumps(manifest.get('reason'))}")
        keys = manifest.get("keysSha256")
        if not (isinstance(keys, str) and SHA256_RE.match(keys)):
            problems.append(f"keysSha256: expected 64 hex digits, got {json.dumps(keys)}")
    elif drill:
        # Manifests of the first etcd-backup.sh: restorable, but with no per-key digests.
        problems.append("it was made by an earlier etcd-backup.sh and has no per-key digests "
                        "to compare; the next backup will")
    problems = [p for p in problems if p]
    return "; ".join(problems) or None


def read_manifest(path, name, drill=False):
    """The manifest in PATH, or Failure saying why it is not usable."""
    try:
        with open(path, "rb") as f:
            manifest = json.loads(f.read().decode("utf-8"))
    except UnicodeDecodeError:
        raise Failure("its manifest is not UTF-8 text")
    except json.JSONDecodeError as e:
        raise Failure(f"its manifest is not valid JSON "
                      f"(line {e.lineno}, column {e.colno}: {e.msg})")
    problem = manifest_problem(manifest, name, drill)
    if problem:
        raise Failure(f"its manifest is not valid ({problem})")
    return manifest


def manifest_write(path, assignments):
    fields = dict(a.split("=", 1) for a in assignments)
    manifest = {"format": MANIFEST_FORMAT}
    for field, value in fields.items():
        if field in ("revision", "totalKey", "liveKeys"):
            try:
                value = int(value)
            except ValueError:
                pass  # validation below names the field and the value
        manifest[field] = value
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=True)
        f.write("\n")
    # The file a restore will read, checked the way a restore checks it.
    try:
        read_manifest(path, fields.get("name", ""))
    except Failure as e:
        raise Failure(f"the manifest of {fields.get('name')} is not valid "
                      + str(e).removeprefix("its manifest is not valid "))


def log(message):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(f"[{now}] {message}", file=sys.stderr)


def split_command(args):
    """Options before `--`, the etcdctl command after it."""
    if "--" not in args:
        raise Failure("expected -- and the etcdctl command")
    i = args.index("--")
    return args[:i], [os.fsencode(a) for a in args[i + 1:]]


def main(argv):
    command, args = argv[0], argv[1:]
    page_keys = os.environ.get("DIGEST_PAGE_KEYS") or "100"
    if not page_keys.isdigit() or int(page_keys) < 1:
        raise Failure(f"DIGEST_PAGE_KEYS={shown(page_keys)} cannot be used: use a positive integer")
    page_keys = int(page_keys)
    if command == "check-env":
        check_env(args)
    elif command == "backups":
        backups(args[0])
    elif command == "age":
        age(args[0])
    elif command == "snapshot-status":
        snapshot_status(args[0])
    elif command == "digest":
        options, etcdctl = split_command(args)
        digest(options[0], int(options[2]), page_keys, etcdctl)
    elif command == "compare":
        options, etcdctl = split_command(args)
        compare(options[0], page_keys, etcdctl)
    elif command in ("manifest-write", "manifest-check"):
        try:
            if command == "manifest-write":
                manifest_write(args[0], args[1:])
            else:
                read_manifest(args[0], args[1], drill="--drill" in args[2:])
        except Failure as e:
            print(e)
            return 1
    elif command == "manifest-get":
        with open(args[0]) as f:
            print(json.load(f)[args[1]])
    else:
        raise Failure(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Failure as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
