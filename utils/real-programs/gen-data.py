#!/usr/bin/env python3
"""Writes SIZE bytes of deterministic test data to stdout for the
utils/real-programs round trips: pseudo-English text with numbers and
punctuation, interleaved with long runs and incompressible stretches, so
deflate's literal, match, stored and run-length paths are all exercised.

  gen-data.py SIZE
"""
import sys

size = int(sys.argv[1])
words = ("the of and to in is was for on that with as by at from his it an "
         "were are which this be or has had not but first one their its new "
         "after who they have her she two been other when there all during "
         "into school time may years more most only over city some world "
         "would where later up such used many can state about national out "
         "known university united then made compression wasm native sqlite "
         "zlib deflate inflate huffman window lazy match literal").split()
state = 0x2545F491


def rand():
    global state  # xorshift32: the same sequence on every machine
    state ^= (state << 13) & 0xFFFFFFFF
    state ^= state >> 17
    state ^= (state << 5) & 0xFFFFFFFF
    return state


out = bytearray()
while len(out) < size:
    kind = rand() % 100
    if kind < 97:  # a sentence
        n = 4 + rand() % 14
        sentence = " ".join(words[rand() % len(words)] for _ in range(n))
        if rand() % 4 == 0:
            sentence += " %d.%02d" % (rand() % 100000, rand() % 100)
        out += (sentence[0].upper() + sentence[1:] + ". ").encode()
        if rand() % 8 == 0:
            out += b"\n"
    elif kind < 99:  # a run
        out += bytes([rand() % 256]) * (1 + rand() % 3000)
    else:  # noise
        out += bytes(rand() % 256 for _ in range(rand() % 1024))
sys.stdout.buffer.write(bytes(out[:size]))
