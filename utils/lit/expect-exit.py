#!/usr/bin/env python3
"""expect-exit.py STATUS CMD [ARGS...]

Runs CMD with ARGS, inheriting stdin, stdout and stderr, and exits 0 when its
exit status is STATUS, 1 otherwise (printing what it got to stderr). STATUS
is a number, or `nonzero`. A command killed by signal N counts as status
128+N, as in the shell (so an abort() is 134).

Used in lit tests as %expect-exit, e.g.
    RUN: %expect-exit 42 %t.exe
    RUN: %expect-exit 1 test -e %t.exe
"""
import os
import signal
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: expect-exit.py STATUS CMD [ARGS...]\n")
        return 2
    want = argv[1]
    if want != "nonzero":
        try:
            want = int(want)
        except ValueError:
            sys.stderr.write("expect-exit.py: bad STATUS %r\n" % want)
            return 2
    cmd = argv[2:]
    sys.stdout.flush()
    try:
        rc = subprocess.call(cmd)
    except OSError as e:
        sys.stderr.write("expect-exit.py: cannot run %s: %s\n" % (cmd[0], e))
        return 1
    got = rc
    how = "exit status %d" % rc
    if rc < 0:
        got = 128 - rc
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = "signal %d" % -rc
        how = "killed by %s (status %d)" % (name, got)
    ok = got != 0 if want == "nonzero" else got == want
    if ok:
        return 0
    sys.stderr.write("expect-exit.py: expected exit status %s, got %s from: %s\n"
                     % (want, how, " ".join(cmd)))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
