#!/usr/bin/env bash
# Checks fetch.sh's retries without a network: a fake apt-get (first in
# PATH) fails `apt-get source` a given number of times with apt's transient
# "E: Failed to fetch" and then unpacks a tree. Expected: one failure is
# retried and the fetch succeeds; failures on every try skip (exit 2) with
# the reason and "after 3 attempts"; a missing source package is not
# retried; after a fetch gave up, the next package is tried once; a later
# success clears that. Run by run.sh as the program "fetch-selftest".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
t=$(mktemp -d "${TMPDIR:-/tmp}/w2n-fetch-selftest.XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/bin"
cat >"$t/bin/apt-get" <<'FAKE'
#!/usr/bin/env bash
lists=
for a in "$@"; do case $a in Dir::State::Lists=*) lists=${a#*=} ;; esac; done
for a in "$@"; do
  case $a in
    update) mkdir -p "$lists" && touch "$lists/fake_Sources"; exit 0 ;;
    source)
      n=$(($(cat "$COUNT" 2>/dev/null || echo 0) + 1))
      echo "$n" >"$COUNT"
      if [[ -n ${NOSUCH:-} ]]; then
        echo "E: Unable to find a source package for ${!#}"; exit 100
      fi
      if ((n <= FAILS)); then
        echo "E: Failed to fetch http://deb.debian.org/debian/pool/main/f/fake.dsc  Connection failed"
        echo "E: Failed to fetch some archives."
        exit 100
      fi
      mkdir -p "${!#}-1.0" && exit 0 ;;
  esac
done
exit 1
FAKE
printf '#!/bin/sh\nexit 0\n' >"$t/bin/dpkg-source"
chmod +x "$t/bin/apt-get" "$t/bin/dpkg-source"
export PATH=$t/bin:$PATH COUNT=$t/count W2N_FETCH_PAUSE=0 W2N_FETCH_TRIES=3
bad=0
# run NAME FAILS NOSUCH DEST PKG EXPECT_RC EXPECT_TRIES [EXPECT_TEXT]
run() {
  local out rc tries
  rm -f "$COUNT"
  out=$(FAILS=$2 NOSUCH=$3 "$here/fetch.sh" "$5" "$4" 2>/dev/null)
  rc=$?
  tries=$(cat "$COUNT" 2>/dev/null || echo 0)
  if [[ $rc == 2 && $out == "skip: "* && $tries == 0 ]]; then
    echo "skip: fetch.sh skips before apt-get source here: ${out#skip: }"
    exit 2
  fi
  if [[ $rc != "$6" || $tries != "$7" || ( -n ${8:-} && $out != *"$8"* ) ]]; then
    echo "FAIL: $1: exit $rc after $tries tries (expected $6 after $7${8:+, \"$8\"}): $out"
    bad=1
  else
    echo "ok: $1: exit $rc after $tries tries"
  fi
}
run "one transient failure" 1 "" "$t/a" zlib 0 2 "$t/a/zlib-1.0"
run "failing every time" 9 "" "$t/b" zlib 2 3 "Failed to fetch http://deb.debian.org/debian/pool/main/f/fake.dsc  Connection failed (after 3 attempts)"
run "next package after giving up" 9 "" "$t/b" sqlite3 2 1 "not retried"
run "a success clears that" 0 "" "$t/b" sqlite3 0 1 "$t/b/sqlite3-1.0"
run "and retries again" 1 "" "$t/b" zlib 0 2 "$t/b/zlib-1.0"
run "no such source package" 0 1 "$t/c" zlib 2 1 "Unable to find a source package"
((bad == 0)) || exit 1
echo "fetch retries: all cases as expected"
