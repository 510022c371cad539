"""Walks pickletools.genops (the opcode walk at the core of picklescan) over a file.

Usage: python3 bench/genops.py FILE
Prints one JSON line: {"seconds": walk time, "opcodes": count}. The file is read into
memory first and only the walk is timed (Python start-up and the read are excluded);
genops stops at the first STOP, as picklescan's per-pickle loop does.
"""
import io
import json
import pickletools
import sys
import time

with open(sys.argv[1], "rb") as f:
    data = f.read()
start = time.perf_counter()
n = 0
for _op, _arg, _pos in pickletools.genops(io.BytesIO(data)):
    n += 1
print(json.dumps({"seconds": time.perf_counter() - start, "opcodes": n}))
