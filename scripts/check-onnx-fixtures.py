#!/usr/bin/env python3
"""Optional cross-check of fixtures/onnx with the real onnx package (Debian: python3-onnx).

Valid fixtures must load and pass onnx.checker (full check); invalid wire data must fail
onnx.load. Not run by the tests: `python3 scripts/check-onnx-fixtures.py`.
"""
import pathlib
import sys

import onnx
from google.protobuf.message import DecodeError

DIR = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "onnx"
VALID = ["valid-conv.onnx", "valid-if.onnx", "valid-loop.onnx", "valid-function.onnx", "valid-sparse.onnx", "external/model.onnx"]
# Models whose structure is the point, not operator typing (a sparse initializer feeding Add
# fails onnx 1.12's full shape inference): checked without full_check.
STRUCTURAL = {"valid-sparse.onnx"}


def main() -> int:
    failed = 0
    print("onnx", onnx.__version__)
    for name in VALID:
        try:
            model = onnx.load(str(DIR / name))
            onnx.checker.check_model(model, full_check=name not in STRUCTURAL)
            print("ok      ", name)
        except Exception as err:  # noqa: BLE001 - report every failure
            failed += 1
            print("FAILED  ", name, type(err).__name__, err)
    # Rejected, or (tag 0, a stray end-group) parsed only up to there by Python's protobuf.
    for path in sorted(DIR.glob("invalid-*.onnx")):
        data = path.read_bytes()
        try:
            consumed = onnx.ModelProto().ParseFromString(data)
            verdict = "prefix  " if consumed is not None and consumed < len(data) else "ACCEPTED"
            failed += verdict == "ACCEPTED"
            print(verdict, path.name, f"{consumed}/{len(data)} bytes")
        except DecodeError as err:
            print("rejected", path.name, err)
    for name in ["valid-wrong-wire.onnx", "valid-group.onnx"]:
        data = (DIR / name).read_bytes()
        consumed = onnx.ModelProto().ParseFromString(data)
        failed += consumed != len(data)
        print("ok      " if consumed == len(data) else "FAILED  ", name, "(unknown fields kept)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
