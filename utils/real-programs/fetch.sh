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
have_lists() { compgen -G "$apt_dir/lists/*Sources*" >/dev/null; }
if [[ -f $failed && -z $(find "$failed" -mmin +10) ]] && ! have_lists; then
  skip "$(<"$failed")"
fi
if [[ ! -f $stamp ]] || [[ -n $(find "$stamp" -mmin +1440) ]]; then
  ulog=$apt_dir/update.log
  if ! "${apt[@]}" update </dev/null >"$ulog" 2>&1 ||
     grep -qE '^(W|E): (Failed to fetch|Some index files failed)' "$ulog"; then
    reason=$(grep -E '^(W|E):' "$ulog" | head -1)
    echo "apt-get update of the deb-src lists failed: ${reason:-see $ulog}" >"$failed"
    have_lists || skip "$(<"$failed")"
    echo "fetch.sh: $(<"$failed") (going on with the lists there are)" >&2
  else
    rm -f "$failed"
    touch "$stamp"
  fi
fi

work=$dest/.$pkg.tmp
rm -rf "$work"
mkdir -p "$work" || exit 1
if ! (cd "$work" && "${apt[@]}" source "$pkg") </dev/null >>"$log" 2>&1; then
  reason=$(grep -E '^(W|E):' "$log" | tail -1)
  rm -rf "$work"
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
