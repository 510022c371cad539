#!/usr/bin/env python3
"""Compare modelgate's safetensors verdicts with the reference parser (optional, not CI).

Needs Python's `safetensors` package (any machine where `pip install safetensors`
works) and a modelgate CLI that prints a JSON report (default: the bundled
`node dist/cli.js`). For each file, the reference verdict is "accepted" or the rule
its error maps to (table below); ours is the first high `safetensors/*` finding, or
"accepted". Any difference is printed and makes the exit status 1.

    python3 scripts/compare-safetensors.py                     # the committed fixtures
    python3 scripts/compare-safetensors.py --fuzz 5000         # plus 5000 random mutants
    python3 scripts/compare-safetensors.py path/to/*.safetensors
    python3 scripts/compare-safetensors.py --modelgate "node my-cli.js scan --format json --fail-on never"

The reference is called through `safetensors.deserialize(bytes)`, which runs the same
`SafeTensors::read_metadata` as `safe_open`. Its choice among several errors can vary
from run to run: tensors with equal offsets are validated in HashMap order, which Rust
randomises per process (safe_open alike). When ours differs, the reference is asked
again in fresh processes, and a verdict it gives in any run counts as agreement. Mutants are written to a temporary
directory and deleted afterwards unless `--keep DIR` is given.
"""
import argparse
import json
import pathlib
import random
import shlex
import struct
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Display text of SafeTensorError (tensor.rs) -> modelgate rule; first match wins.
REFERENCE_ERRORS = [
    ("header too small", "safetensors/header-too-small"),
    ("header too large", "safetensors/header-too-large"),
    ("invalid header length", "safetensors/invalid-header-length"),
    ("invalid UTF-8 in header", "safetensors/invalid-utf8"),
    ("invalid JSON in header: unknown variant", "safetensors/unknown-dtype"),
    ("invalid JSON in header", "safetensors/invalid-json"),
    ("invalid offset for tensor", "safetensors/invalid-offset"),
    ("overflow computing buffer size", "safetensors/overflow"),
    ("does not end up at a byte boundary", "safetensors/misaligned"),
    ("invalid shape, data type, or offset for tensor", "safetensors/size-mismatch"),
    ("incomplete metadata, file not fully covered", "safetensors/incomplete-buffer"),
]

REJECTIONS = {rule for _, rule in REFERENCE_ERRORS}


def reference_verdict(data: bytes) -> str:
    from safetensors import deserialize

    try:
        deserialize(data)
        return "accepted"
    except Exception as err:  # the binding raises SafetensorError; anything else is a crash worth seeing
        text = str(err)
        for needle, rule in REFERENCE_ERRORS:
            if needle in text:
                return rule
        return f"unmapped error: {text[:200]}"


def reference_verdicts_in_new_processes(path: pathlib.Path, runs: int) -> set[str]:
    """Fresh processes get fresh HashMap seeds, so they can pick a different error."""
    code = "import pathlib, sys; sys.path.insert(0, sys.argv[1]); import importlib; " \
           "m = importlib.import_module('compare-safetensors'); print(m.reference_verdict(pathlib.Path(sys.argv[2]).read_bytes()))"
    return {subprocess.run([sys.executable, "-c", code, str(ROOT / "scripts"), str(path)],
                           capture_output=True, text=True).stdout.strip() for _ in range(runs)}


def our_verdicts(command: list[str], paths: list[pathlib.Path]) -> dict[str, str]:
    verdicts: dict[str, str] = {}
    for start in range(0, len(paths), 500):  # stay under the argument-length limit
        batch = [str(p) for p in paths[start:start + 500]]
        run = subprocess.run(command + batch, capture_output=True, text=True, cwd=ROOT)
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError:
            sys.exit(f"modelgate printed no JSON report (exit {run.returncode}):\n{run.stderr[-2000:]}")
        for file in report["files"]:
            high = [f["rule"] for f in file["findings"] if f["rule"] in REJECTIONS and f["severity"] == "high"]
            verdicts[file["path"]] = high[0] if high else "accepted"
    return verdicts


# --- mutants -------------------------------------------------------------------

DTYPES = ["BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ",
          "F8_E5M2FNUZ", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64"]
ODD_DTYPES = ["f32", "F33", "FP8", "E8M0", "", "F32 ", "\\u0046\\u0033\\u0032"]
NUMBERS = ["0", "1", "2", "3", "4", "8", "16", "-0", "-1", "8.0", "8e0", "1E1", "08", "4294967296",
           "4611686018427387904", "18446744073709551615", "18446744073709551616", "1e308", "1e309",
           "1.7976931348623158e308", "0e99999999999", "1.5"]
SNIPPETS = ["{", "}", "[", "]", ",", ":", '"', "\\", " ", "\t", "\n", "\r", "\x00", "\\u0000", "\\ud800",
            "\\udc00", "\\ud83d\\ude00", "null", "true", "{}", "[]", '"x":1', '"__metadata__":{}',
            '"__metadata__":null', '"dtype":"F32"', '"shape":[2]', '"data_offsets":[0,8]', "\u00a0", "\ufeff"]


def tensor_json(rng: random.Random, name: str, begin: int) -> tuple[str, int]:
    dtype = rng.choice(DTYPES)
    bits = {"F4": 4, "F6_E2M3": 6, "F6_E3M2": 6}.get(dtype) or (8 if "8" in dtype or dtype in ("BOOL", "U8", "I8")
                                                               else int("".join(c for c in dtype if c.isdigit())))
    shape = [rng.choice([0, 1, 2, 4]) for _ in range(rng.randint(0, 3))]
    count = 1
    for d in shape:
        count *= d
    size = count * bits // 8
    form = rng.random()
    offsets = [begin, begin + size]
    if form < 0.1:
        text = json.dumps([dtype, shape, offsets])
    elif form < 0.2:
        text = json.dumps({"dtype": {dtype: None}, "shape": shape, "data_offsets": offsets})
    else:
        text = json.dumps({"dtype": dtype, "shape": shape, "data_offsets": offsets})
    return f"{json.dumps(name)}:{text}", begin + size


def valid_header(rng: random.Random) -> tuple[str, int]:
    parts, end = [], 0
    if rng.random() < 0.3:
        parts.append('"__metadata__":' + rng.choice(['{"format":"pt"}', "{}", "null", '{"a":"1","a":"2"}']))
    for i in range(rng.randint(0, 4)):
        part, end = tensor_json(rng, rng.choice(["w", "b", "x", f"t{i}", "w"]), end)
        parts.append(part)
    rng.shuffle(parts)
    return "{" + ",".join(parts) + "}", end


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        pos = rng.randint(0, len(text))
        if choice < 0.25 and text:
            text = text[:pos] + text[pos + 1:]
        elif choice < 0.5:
            text = text[:pos] + rng.choice(SNIPPETS) + text[pos:]
        elif choice < 0.7:
            digits = [i for i, c in enumerate(text) if c.isdigit()]
            if digits:
                i = rng.choice(digits)
                j = i
                while j < len(text) and text[j].isdigit():
                    j += 1
                text = text[:i] + rng.choice(NUMBERS) + text[j:]
        elif choice < 0.85:
            for name in DTYPES:
                if f'"{name}"' in text:
                    text = text.replace(f'"{name}"', '"' + rng.choice(ODD_DTYPES + DTYPES) + '"', 1)
                    break
        else:
            a, b = sorted(rng.sample(range(len(text) + 1), 2)) if len(text) > 1 else (0, 0)
            text = text[:b] + text[a:b] + text[b:]
    return text


def mutant(rng: random.Random) -> bytes:
    text, data_length = valid_header(rng)
    if rng.random() < 0.8:
        text = mutate(rng, text)
    if rng.random() < 0.2:
        text = rng.choice([" ", "\n", "\t "]) + text
    header = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        header = header.replace(b"w", rng.choice([b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff"]), 1)
    header += b" " * (rng.choice([0, -len(header) % 8]))
    n = len(header)
    if rng.random() < 0.05:
        n += rng.choice([-3, -1, 1, 2, 100_000_000])
    data_length += rng.choice([0] * 8 + [-1, 1, 4])
    return struct.pack("<Q", max(n, 0)) + header + bytes(max(data_length, 0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=pathlib.Path)
    parser.add_argument("--fuzz", type=int, default=0, help="also compare N random mutants")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=pathlib.Path, help="write mutants here and keep them")
    parser.add_argument("--modelgate", default="node dist/cli.js scan --format json --fail-on never",
                        help="command that prints modelgate's JSON report for the paths appended to it")
    args = parser.parse_args()

    paths = [p.resolve() for p in args.paths] or sorted((ROOT / "fixtures" / "safetensors").glob("*.safetensors"))
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or pathlib.Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        rng = random.Random(args.seed)
        for i in range(args.fuzz):
            path = out / f"mutant-{i:05}.safetensors"
            path.write_bytes(mutant(rng))
            paths.append(path)
        ours = our_verdicts(shlex.split(args.modelgate), paths)
        differences = order_dependent = 0
        for path in paths:
            theirs = reference_verdict(path.read_bytes())
            mine = ours.get(str(path), "missing from the report")
            if theirs == mine:
                continue
            if theirs in REJECTIONS and mine in REJECTIONS and mine in reference_verdicts_in_new_processes(path, 20):
                order_dependent += 1
                continue
            differences += 1
            print(f"{path.name}: reference {theirs}, modelgate {mine}")
        print(f"{len(paths)} files, {differences} differences, {order_dependent} where the reference's own choice of error varies")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
