"""Walks pickletools.genops (the opcode walk at the core of picklescan) over a file, twice.

Usage: python3 bench/genops.py FILE
Prints one JSON line: {"file_seconds": ..., "memory_seconds": ..., "opcodes": count}.

- file_seconds: genops over the open file object, timed from open() to the end of the walk.
  This is what picklescan really does: scan_file_path opens the file and hands the file
  object to scan_bytes, whose _list_globals iterates pickletools.genops over it, so every
  opcode's read() goes through the buffered file (about twice the in-memory cost).
- memory_seconds: genops over io.BytesIO(data), the file read into memory beforehand and the
  read not timed: the bare cost of the walk, for transparency.

Python start-up is excluded from both. genops stops at the first STOP, as picklescan's
per-pickle loop does. The file walk runs first, so the page cache is equally warm for both
(bench/run.mjs has just scanned the file).
"""
import io
import json
import pickletools
import sys
import time

path = sys.argv[1]

start = time.perf_counter()
with open(path, "rb") as f:
    n_file = 0
    for _op, _arg, _pos in pickletools.genops(f):
        n_file += 1
file_seconds = time.perf_counter() - start

with open(path, "rb") as f:
    data = f.read()
start = time.perf_counter()
n_memory = 0
for _op, _arg, _pos in pickletools.genops(io.BytesIO(data)):
    n_memory += 1
memory_seconds = time.perf_counter() - start

if n_file != n_memory:
    sys.exit(f"opcode counts differ: {n_file} over the file, {n_memory} over memory")
print(json.dumps({"file_seconds": file_seconds, "memory_seconds": memory_seconds, "opcodes": n_file}))
