#!/usr/bin/env bash
# Fetches and unpacks the Debian source of a package with apt-get source.
#
#   utils/real-programs/fetch.sh PACKAGE DESTDIR
#
# On success prints the unpacked source tree (DESTDIR/<package>-<version>)
# on stdout and exits 0. When the source cannot be had (no network to the
# mirror, no such package, ...) prints the reason on stdout prefixed with
# "skip: " and exits 2; other errors exit 1.
#
# The machine's apt configuration is left alone: the deb-src lines are
# derived at run time from its enabled Debian `deb` sources (same URIs,
# suites and components; only suites of this release, so third-party
# repositories are not asked for sources) and written, with the package
# lists, to DESTDIR/.apt, which apt-get uses through -o options. Nothing
# needs root except installing dpkg-dev (dpkg-source) when it is missing.
# Cached: a tree that was unpacked completely before is reused as is.
# Transient failures (a mirror dropping the connection, a hash mismatch
# during a mirror sync: "E: Failed to fetch ...") are retried, up to
# W2N_FETCH_TRIES attempts (default 3) with W2N_FETCH_PAUSE seconds
# (default 10, growing) between them, each retry noted on stderr; then the
# package is skipped with the last reason and the number of attempts.
# Failures retrying cannot cure (no such source package) are not retried,
# nor is anything once a fetch of this DESTDIR failed for good in the last
# 10 minutes (offline: the next package skips after one try).
# Usable by other scripts, e.g. utils/bench, as
#   src=$(utils/real-programs/fetch.sh sqlite3 build/real-programs/src)
set -uo pipefail

if (($# != 2)); then
  echo "usage: $0 PACKAGE DESTDIR" >&2
  exit 1
fi
pkg=$1
mkdir -p "$2" || exit 1
dest=$(cd "$2" && pwd) || exit 1
log=$dest/$pkg.fetch.log

skip() { echo "skip: $*"; exit 2; }

tries=${W2N_FETCH_TRIES:-3}
pause=${W2N_FETCH_PAUSE:-10}
[[ $tries =~ ^[1-9][0-9]*$ ]] || tries=3
[[ $pause =~ ^[0-9]+$ ]] || pause=10

# attempt LABEL LOG CMD...: runs CMD (output appended to LOG) until it
# succeeds, at most $tries times (once when $gave_up is recent); returns
# CMD's last status and sets $reason to the first E: (else W:) line of the
# last try and $attempts to the number of tries.
attempt() {
  local label=$1 log=$2 one=$2.try rc n=0 max=$tries note=
  shift 2
  if [[ -f $gave_up && -z $(find "$gave_up" -mmin +10) ]]; then
    max=1 note=" (not retried: a fetch failed after $tries attempts in the last 10 minutes)"
  fi
  while :; do
    n=$((n + 1))
    "$@" </dev/null >"$one" 2>&1
    rc=$?
    cat "$one" >>"$log"
    reason=$(grep -E '^E:' "$one" | head -1)
    [[ -n $reason ]] || reason=$(grep -E '^W:' "$one" | head -1)
    attempts=$n
    # Success; or a failure no retry can cure; or no tries left.
    if ((rc == 0)) && ! grep -qE '^(W|E): (Failed to fetch|Some index files failed)' "$one"; then
      rm -f "$one" "$gave_up"
      return 0
    fi
    if grep -qE "^E: (Unable to find a source package|You must put some 'deb-src')|^(W|E): Failed to fetch .* 404 " "$one" ||
       ((n >= max)); then
      reason+=$note
      rm -f "$one"
      ((n >= max && max > 1)) && touch "$gave_up"
      ((rc != 0)) || rc=1
      return "$rc"
    fi
    echo "fetch.sh: $label failed (${reason:-see $log}); retrying in $((pause * n))s (attempt $((n + 1)) of $max)" >&2
    sleep $((pause * n))
  done
}

# A complete earlier fetch: reuse it.
if [[ -f $dest/$pkg.done ]]; then
  tree=$(<"$dest/$pkg.done")
  if [[ -d $tree ]]; then
    echo "$tree"
    exit 0
  fi
fi

# One fetch at a time per DESTDIR (apt locks its lists; two scripts, e.g.
# this suite and utils/bench, may share the cache).
exec 9>"$dest/.fetch.lock"
flock 9
if [[ -f $dest/$pkg.done && -d $(<"$dest/$pkg.done") ]]; then
  cat "$dest/$pkg.done"
  exit 0
fi
: >"$log"

# dpkg-source comes with dpkg-dev.
if ! command -v dpkg-source >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo -n)
  else
    skip "dpkg-source is missing (install dpkg-dev)"
  fi
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
           --no-install-recommends dpkg-dev ||
         { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
           "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
             --no-install-recommends dpkg-dev; }; } </dev/null >>"$log" 2>&1; then
    skip "could not install dpkg-dev (see $log)"
  fi
fi

# The deb-src lines, from the machine's enabled Debian deb sources.
codename=$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
[[ -n $codename ]] || skip "no VERSION_CODENAME in /etc/os-release"
apt_dir=$dest/.apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts" || exit 1
src_list=$apt_dir/sources.list
python3 - "$codename" /etc/apt/sources.list /etc/apt/sources.list.d \
    >"$src_list.new" <<'PY' || exit 1
# Prints one deb-src line per enabled `deb` entry of this release found in
# the one-line (.list) and deb822 (.sources) files.
import os, re, sys
codename, main_list, parts = sys.argv[1], sys.argv[2], sys.argv[3]

def ours(suite):
    return suite == codename or suite.startswith(codename + "-")

out = []
def emit(options, uri, suite, comps):
    if ours(suite):
        line = "deb-src %s%s %s %s" % (options, uri, suite, " ".join(comps))
        if line not in out:
            out.append(line)

def one_line(path):
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"deb\s+(\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$", line)
        if m:
            emit(m.group(1) or "", m.group(2), m.group(3), m.group(4).split())

def deb822(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    for stanza in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for raw in stanza.splitlines():
            if raw.startswith("#"):
                continue
            if raw[:1] in (" ", "\t") and key:
                fields[key] += " " + raw.strip()
            elif ":" in raw:
                key, value = raw.split(":", 1)
                key = key.strip().lower()
                fields[key] = value.strip()
        if "deb" not in fields.get("types", "").split():
            continue
        if fields.get("enabled", "yes").lower() == "no":
            continue
        opts = []
        if "signed-by" in fields and "BEGIN PGP" not in fields["signed-by"]:
            opts.append("signed-by=" + fields["signed-by"].split()[0])
        options = "[%s] " % " ".join(opts) if opts else ""
        for uri in fields.get("uris", "").split():
            for suite in fields.get("suites", "").split():
                emit(options, uri, suite, fields.get("components", "").split())

if os.path.isfile(main_list):
    one_line(main_list)
if os.path.isdir(parts):
    for name in sorted(os.listdir(parts)):
        path = os.path.join(parts, name)
        if name.endswith(".list"):
            one_line(path)
        elif name.endswith(".sources"):
            deb822(path)
print("\n".join(out))
PY
if ! grep -q '^deb-src ' "$src_list.new"; then
  skip "no enabled Debian deb source for $codename in /etc/apt to mirror as deb-src"
fi
mv "$src_list.new" "$src_list"

apt=(apt-get -q
  -o Dir::Etc::SourceList="$src_list"
  -o Dir::Etc::SourceParts="$apt_dir/parts"
  -o Dir::State::Lists="$apt_dir/lists"
  -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
  -o APT::Sandbox::User="$(id -un)"
  -o Acquire::Retries=1 -o Acquire::http::Timeout=20
  -o Acquire::https::Timeout=20)

# Update the source lists at most once a day. When an update fails the
# lists it did get (or older ones) are used; with none at all the package is
# skipped, and the update is not retried for 10 minutes (so the next package
# of the same run skips at once).
stamp=$apt_dir/updated
failed=$apt_dir/update-failed
gave_up=$apt_dir/gave-up
have_lists() { compgen -G "$apt_dir/lists/*Sources*" >/dev/null; }
if [[ -f $failed && -z $(find "$failed" -mmin +10) ]] && ! have_lists; then
  skip "$(<"$failed")"
fi
if [[ ! -f $stamp ]] || [[ -n $(find "$stamp" -mmin +1440) ]]; then
  ulog=$apt_dir/update.log
  : >"$ulog"
  if ! attempt "apt-get update" "$ulog" "${apt[@]}" update; then
    ((attempts > 1)) && reason="$reason (after $attempts attempts)"
    echo "apt-get update of the deb-src lists failed: ${reason:-see $ulog}" >"$failed"
    have_lists || skip "$(<"$failed")"
    echo "fetch.sh: $(<"$failed") (going on with the lists there are)" >&2
  else
    rm -f "$failed"
    touch "$stamp"
  fi
fi

work=$dest/.$pkg.tmp
source_in_work() {
  rm -rf "$work" && mkdir -p "$work" && (cd "$work" && "${apt[@]}" source "$pkg")
}
if ! attempt "apt-get source $pkg" "$log" source_in_work; then
  rm -rf "$work"
  ((attempts > 1)) && reason="$reason (after $attempts attempts)"
  skip "apt-get source $pkg failed: ${reason:-see $log}"
fi
tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -1)
[[ -n $tree ]] || { rm -rf "$work"; skip "apt-get source $pkg unpacked nothing"; }
name=$(basename "$tree")
rm -rf "${dest:?}/$name"
mv "$tree" "$dest/$name" || exit 1
# Keep the downloaded .dsc/.tar files beside the tree (for the record).
mv "$work"/* "$dest/" 2>/dev/null
rm -rf "$work"
echo "$dest/$name" >"$dest/$pkg.done"
echo "$dest/$name"
