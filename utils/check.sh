#!/usr/bin/env bash
# Installs the dependencies, builds, runs the whole test suite (lit tests in
# test/ and the gtest unit tests, in one lit run; the spec suite; the real
# programs of utils/real-programs) and ends with the line
#
#   check: N passed, M failed, K skipped
#
# Then the same source against the other LLVM a distribution ships (LLVM 22,
# in build-22/): its lit suite and the spec suite at -O2. CHECK_LLVM22=0
# leaves that out.
#
# Exit status is 0 only when the builds succeeded and no test failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

build_dir=${BUILD_DIR:-build}
xml=$build_dir/test/results.xml
summary() { # passed failed skipped
  echo "check: $1 passed, $2 failed, $3 skipped"
}
# "passed failed skipped" of a lit xUnit report (one <testcase> per test;
# failures, errors and skips as child elements).
xunit_counts() {
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for tc in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    tags = {child.tag for child in tc}
    if "failure" in tags or "error" in tags:
        failed += 1
    elif "skipped" in tags:
        skipped += 1
    else:
        passed += 1
print(passed, failed, skipped)
PY
}

# Adds a spec run's "spec: N passed, M failed, K skipped" line (its output
# $1, exit status $2) to the totals; a run that printed none but failed
# counts as one failure.
add_spec_counts() {
  if [[ $1 =~ spec:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    skipped=$((skipped + BASH_REMATCH[3]))
  elif (($2 != 0)); then
    failed=$((failed + 1))
  fi
}

check_llvm22=${CHECK_LLVM22:-1}
llvm_versions=19
((check_llvm22)) && llvm_versions="19 22"
if ! WASM2NATIVE_LLVM_VERSIONS=$llvm_versions ./utils/install-deps.sh; then
  echo "check: installing dependencies failed" >&2
  summary 0 1 0
  exit 1
fi

build_ok=1
if ! ./utils/build.sh -k 0; then
  build_ok=0
  echo "check: the build failed; running the tests that can run anyway" >&2
fi

if [[ ! -f $build_dir/test/lit.site.cfg.py ]]; then
  echo "check: $build_dir was not configured; no tests ran" >&2
  summary 0 1 0
  exit 1
fi

rm -f "$xml"
if ((build_ok)); then
  ninja -C "$build_dir" check-wasm2native
  lit_rc=$?
else
  # The check target would refuse to run with missing dependencies; call
  # lit directly so the report still shows which tests pass.
  python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
    --xunit-xml-output "$xml" "$build_dir/test"
  lit_rc=$?
fi

# Count the results from lit's xUnit report (one <testcase> per lit test and
# per gtest test; failures, errors and skips as child elements).
if [[ -f $xml ]]; then
  read -r passed failed skipped < <(xunit_counts "$xml")
else
  passed=0 failed=0 skipped=0
fi
# The official spec suite, at -O0 and -O2 in the default (guard-page) mode
# and at -O2 with explicit bounds checks, when ../shared has it (a distro
# build does not: the runner then says so and exits 0). Each command of the
# suite counts as one check.
spec_suite=${SPEC_SUITE:-../shared/wasm-spec-testsuite/wasm-2.0}
spec_rc=0
if [[ -x $build_dir/bin/wasm2native-spec ]]; then
  for config in O0 O2 O2-explicit; do
    level=${config%%-*}
    mode=-fbounds-checks=guard
    [[ $config == *-explicit ]] && mode=-fbounds-checks=explicit
    out=$("$build_dir/bin/wasm2native-spec" "-$level" "$mode" -j"$(nproc)" "$spec_suite")
    rc=$?
    # Per-file lines go to a log; failures and the summary are shown.
    printf '%s\n' "$out" >"$build_dir/test/spec-$config.log"
    printf '%s\n' "$out" | grep -v '^passed ' || true
    ((rc == 0)) || spec_rc=1
    # Wasm 2.0 needs no unimplemented proposal: a skip under one (the
    # runner skips modules the reader rejects with UnsupportedFeatureError)
    # is a regression. Text-format modules are the only expected skips.
    by_feature=$(printf '%s\n' "$out" | sed -n 's/^spec: skipped: //p' | tr ',' '\n' |
      sed 's/^ *//' | grep -v '^text-format ' || true)
    if [[ -n $by_feature ]]; then
      echo "check: Wasm 2.0 commands skipped as unsupported at $config: $(echo "$by_feature" | paste -sd,)" >&2
      failed=$((failed + 1))
    fi
    add_spec_counts "$out" "$rc"
  done
elif ((build_ok)); then
  echo "check: wasm2native-spec was not built" >&2
  failed=$((failed + 1))
fi

# Wasm 3.0 (issue 11): the converted wasm-3.0/ suite and the 70 scripts of
# wasm-3.0-wast/, converted into $build_dir/spec-wasm-3.0-wast by
# utils/convert-wasm3-wast.sh, at -O0 and -O2 with --skip-unsupported (skips
# counted by the proposal they need), plus the proposal suites of the
# implemented proposals (extended-const, relaxed-simd). Every command either
# passes or is skipped under the unimplemented proposal it needs; a failure
# fails the check (SPEC3_FATAL=0 only prints the counts).
spec3_fatal=${SPEC3_FATAL:-1}
spec_root=${SPEC_ROOT:-../shared/wasm-spec-testsuite}
if [[ -x $build_dir/bin/wasm2native-spec && -d $spec_root/wasm-3.0 ]]; then
  spec3_suites=("$spec_root/wasm-3.0" "$spec_root/proposals/extended-const"
    "$spec_root/proposals/relaxed-simd")
  spec3_conv=$build_dir/spec-wasm-3.0-wast
  if [[ -d $spec_root/wasm-3.0-wast ]]; then
    if ./utils/convert-wasm3-wast.sh "$spec3_conv" "$spec_root/wasm-3.0-wast" \
      >"$build_dir/test/convert-wasm3-wast.log" 2>&1; then
      spec3_suites+=("$spec3_conv")
    else
      echo "check: converting wasm-3.0-wast failed (see $build_dir/test/convert-wasm3-wast.log):" >&2
      tail -n 5 "$build_dir/test/convert-wasm3-wast.log" >&2
      ((spec3_fatal)) && failed=$((failed + 1))
    fi
    grep '^convert:' "$build_dir/test/convert-wasm3-wast.log" || true
  fi
  for suite in "${spec3_suites[@]}"; do
    name=$(basename "$suite")
    [[ $suite == "$spec3_conv" ]] && name=wasm-3.0-wast
    [[ $suite == */proposals/* ]] && name=proposal-$name
    for level in O0 O2; do
      out=$("$build_dir/bin/wasm2native-spec" "-$level" -j"$(nproc)" --skip-unsupported "$suite")
      rc=$?
      printf '%s\n' "$out" >"$build_dir/test/spec-$name-$level.log"
      echo "spec $name -$level: $(printf '%s\n' "$out" | grep '^spec: skipped:' | sed 's/^spec: //')"
      echo "spec $name -$level: $(printf '%s\n' "$out" | grep -E '^spec: [0-9]+ passed' | sed 's/^spec: //')"
      ((spec3_fatal)) || continue
      printf '%s\n' "$out" | grep -E '^failed |^  ' || true
      add_spec_counts "$out" "$rc"
    done
  done
fi

# Real programs (utils/real-programs): zlib's minigzip and the sqlite3 shell
# from their Debian sources, wasm2native against native. One check each;
# one whose source cannot be fetched is skipped with the reason shown.
if ((build_ok)); then
  real_log=$build_dir/test/real-programs.log
  BUILD_DIR=$build_dir ./utils/real-programs/run.sh | tee "$real_log"
  real_rc=${PIPESTATUS[0]}
  if [[ $(tail -n 1 "$real_log") =~ real:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    skipped=$((skipped + BASH_REMATCH[3]))
    ((real_rc == 0 || BASH_REMATCH[2] > 0)) || failed=$((failed + 1))
  else
    failed=$((failed + 1))
  fi
else
  echo "check: real programs not run (the build failed)" >&2
fi

# The WASI tests again with path resolution in user space (what kernels and
# qemu-user without openat2 get): one check per test.
if ((build_ok)); then
  lit_py=$(grep -m1 '^WASM2NATIVE_LIT:' "$build_dir/CMakeCache.txt" | cut -d= -f2-)
  if [[ -n $lit_py ]] && out=$(python3 "$lit_py" -q -Dno_openat2=1 "$build_dir/test/WASI" 2>&1); then
    n=$(find test/WASI -maxdepth 1 -name '*.c' | wc -l)
    passed=$((passed + n))
  else
    echo "check: WASI tests without openat2 failed:" >&2
    printf '%s\n' "$out" | tail -n 30 >&2
    failed=$((failed + 1))
  fi
fi

# The Debian package: built, unpacked into a fresh root, used from there.
if ((build_ok)); then
  if BUILD_DIR=$build_dir ./utils/package-test.sh >"$build_dir/test/package-test.log" 2>&1; then
    passed=$((passed + 1))
  else
    echo "check: utils/package-test.sh failed:" >&2
    tail -n 20 "$build_dir/test/package-test.log" >&2
    failed=$((failed + 1))
  fi
fi

# LLVM 22: build, lit, spec at -O2 (issue 16).
if ((check_llvm22)); then
  b22=${BUILD_DIR_LLVM22:-build-22}
  if BUILD_DIR=$b22 WASM2NATIVE_LLVM_VERSION=22 ./utils/build.sh -k 0; then
    rm -f "$b22/test/results.xml"
    ninja -C "$b22" check-wasm2native >"$b22/test/lit.log" 2>&1
    rc22=$?
    grep -E '^(FAIL|XPASS|UNRESOLVED):|^  (Passed|Failed|Skipped|Unsupported)' \
      "$b22/test/lit.log" | sed 's/^/llvm22: /'
    if [[ -f $b22/test/results.xml ]]; then
      read -r p22 f22 s22 < <(xunit_counts "$b22/test/results.xml")
      passed=$((passed + p22)) failed=$((failed + f22)) skipped=$((skipped + s22))
      ((rc22 == 0 || f22 > 0)) || failed=$((failed + 1))
    else
      failed=$((failed + 1))
    fi
    out=$("$b22/bin/wasm2native-spec" -O2 -j"$(nproc)" "$spec_suite")
    rc=$?
    printf '%s\n' "$out" >"$b22/test/spec-O2.log"
    printf '%s\n' "$out" | grep -v '^passed ' | sed 's/^/llvm22: /'
    add_spec_counts "$out" 0
    ((rc == 0)) || failed=$((failed + 1))
  else
    echo "check: the LLVM 22 build failed" >&2
    failed=$((failed + 1))
  fi
fi

if ((lit_rc != 0 && failed == 0)); then
  failed=1 # lit itself failed (e.g. a config error) without a test result
fi
if ((!build_ok)); then
  failed=$((failed + 1)) # count the build as a failed check
fi
summary "$passed" "$failed" "$skipped"
((failed == 0))
