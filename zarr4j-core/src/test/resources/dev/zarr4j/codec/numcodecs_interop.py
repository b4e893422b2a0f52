"""Cross-checks zarr4j's compressors against numcodecs, driven by NumcodecsInteropTest.

Usage: numcodecs_interop.py DIR

DIR/cases.json is a list of cases written by the Java test:
  {"name": str, "config": {numcodecs config}, "dtype": "<f4" | "|u1" | ...,
   "java_encodings": ["native", "pure"]}
with DIR/<name>.raw holding the decoded bytes and DIR/<name>.<enc>.enc the frames zarr4j
wrote. For every case this script
  1. decodes each Java frame with numcodecs and compares it with the raw bytes, and
  2. encodes the raw bytes (as an array of the case's dtype, so numcodecs sees the same item
     size) with numcodecs and writes DIR/<name>.py.enc for the Java side to decode.
It writes DIR/results.json: {"failures": [str, ...], "decoded": n, "encoded": n}, where
"decoded" counts Java frames numcodecs decoded (cases with empty input are not decoded: numcodecs
0.11 fails on empty frames, its own included).
"""

import json
import os
import sys
import traceback

import numpy as np
import numcodecs


def main(d):
    with open(os.path.join(d, "cases.json")) as f:
        cases = json.load(f)
    failures = []
    decoded = 0
    encoded = 0
    for case in cases:
        name = case["name"]
        try:
            codec = numcodecs.get_codec(dict(case["config"]))
        except Exception as e:  # noqa: BLE001 - report everything to the Java side
            failures.append("%s: numcodecs rejected config %r: %s" % (name, case["config"], e))
            continue
        with open(os.path.join(d, name + ".raw"), "rb") as f:
            raw = f.read()
        # numcodecs 0.11 cannot decode even its own frames of empty input (blosc, zstd and lz4
        # all report an error), so empty cases are checked in the other direction only.
        for enc in case.get("java_encodings", []) if raw else []:
            path = os.path.join(d, "%s.%s.enc" % (name, enc))
            with open(path, "rb") as f:
                frame = f.read()
            try:
                out = codec.decode(frame)
                out = bytes(np.frombuffer(out, dtype="u1")) if not isinstance(out, bytes) else out
                if out != raw:
                    failures.append(
                        "%s: numcodecs decoded the %s Java frame to %d bytes that differ from "
                        "the %d raw bytes" % (name, enc, len(out), len(raw)))
                decoded += 1
            except Exception:  # noqa: BLE001
                failures.append("%s: numcodecs failed to decode the %s Java frame: %s"
                                % (name, enc, traceback.format_exc(limit=1).strip()))
        dtype = np.dtype(case["dtype"])
        usable = len(raw) - len(raw) % dtype.itemsize
        arr = np.frombuffer(raw[:usable], dtype=dtype)
        try:
            frame = codec.encode(arr)
            frame = bytes(np.frombuffer(frame, dtype="u1")) if not isinstance(frame, bytes) else frame
            with open(os.path.join(d, name + ".py.enc"), "wb") as f:
                f.write(frame)
            encoded += 1
        except Exception:  # noqa: BLE001
            failures.append("%s: numcodecs failed to encode: %s"
                            % (name, traceback.format_exc(limit=1).strip()))
    with open(os.path.join(d, "results.json"), "w") as f:
        json.dump({"failures": failures, "decoded": decoded, "encoded": encoded}, f)


if __name__ == "__main__":
    main(sys.argv[1])
