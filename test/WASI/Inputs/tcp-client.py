#!/usr/bin/env python3
"""tcp-client.py EXE: runs EXE with a socket granted through
WASM2NATIVE_OPTS=--tcplisten=127.0.0.1:PORT (a free port), connects, sends
a line, prints what comes back on stderr, and exits with EXE's status."""
import os
import socket
import subprocess
import sys
import time

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
env = dict(os.environ, WASM2NATIVE_OPTS="--tcplisten=127.0.0.1:%d" % port)
proc = subprocess.Popen([sys.argv[1]], env=env)
for _ in range(200):
    try:
        conn = socket.create_connection(("127.0.0.1", port), timeout=10)
        break
    except OSError:
        time.sleep(0.05)
else:
    sys.exit("tcp-client: cannot connect")
conn.sendall(b"ping over wasi\n")
data = b""
while True:
    chunk = conn.recv(4096)
    if not chunk:
        break
    data += chunk
sys.stderr.write("client got: " + data.decode())
sys.stderr.flush()
sys.exit(proc.wait())
