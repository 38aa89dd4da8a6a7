#!/usr/bin/env python3
"""max-rss.py MIB CMD ARGS...: runs CMD, fails if it fails or its peak
resident memory exceeds MIB MiB (unlike an address-space limit, this also
works under AddressSanitizer, which reserves terabytes)."""
import resource
import subprocess
import sys

limit_mib = int(sys.argv[1])
rc = subprocess.call(sys.argv[2:])
peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
if rc == 0 and peak_mib > limit_mib:
    print("max-rss: peak %d MiB, limit %d MiB" % (peak_mib, limit_mib),
          file=sys.stderr)
    rc = 1
sys.exit(rc)
