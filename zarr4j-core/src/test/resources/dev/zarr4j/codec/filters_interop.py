"""Cross-checks zarr4j's filters, checksums, BZ2 and LZMA against numcodecs 0.11.

Driven by FilterInteropTest. Usage: filters_interop.py DIR

DIR/cases.json lists {"name", "config", "dtype"}; DIR/<name>.raw holds the input bytes (elements
of "dtype", the type numcodecs sees) and DIR/<name>.java.enc zarr4j's encoding. For every case this
writes DIR/<name>.py.enc (numcodecs' encoding of the raw array), DIR/<name>.py.dec (numcodecs'
decoding of its own encoding) and DIR/<name>.javadec (numcodecs' decoding of zarr4j's encoding),
and DIR/results.json: {"cases": {name: {"repr": str, "config": dict}}, "failures": [str]}.
"""
import json
import lzma
import os
import sys
import traceback

import numpy as np
import numcodecs


def tobytes(x):
    if isinstance(x, (bytes, bytearray)):
        return bytes(x)
    return np.ascontiguousarray(np.asarray(x)).tobytes()


def decode(codec, frame):
    cfg = codec.get_config()
    if cfg["id"] == "lzma" and cfg.get("filters") and cfg.get("format", 1) != lzma.FORMAT_RAW:
        # numcodecs 0.11 passes filters to lzma.decompress, which refuses them outside the raw
        # format; the stream describes its own filters, so decompress it without them
        return lzma.decompress(frame, format=cfg.get("format", 1))
    return codec.decode(frame)


def main(d):
    with open(os.path.join(d, "cases.json")) as f:
        cases = json.load(f)
    out = {}
    failures = []
    for case in cases:
        name = case["name"]
        try:
            codec = numcodecs.get_codec(dict(case["config"]))
            out[name] = {"repr": repr(codec), "config": codec.get_config()}
            with open(os.path.join(d, name + ".raw"), "rb") as f:
                raw = f.read()
            arr = np.frombuffer(raw, dtype=np.dtype(case["dtype"])).copy()
            enc = tobytes(codec.encode(arr))
            with open(os.path.join(d, name + ".py.enc"), "wb") as f:
                f.write(enc)
            with open(os.path.join(d, name + ".py.dec"), "wb") as f:
                f.write(tobytes(decode(codec, enc)))
            with open(os.path.join(d, name + ".java.enc"), "rb") as f:
                jenc = f.read()
            with open(os.path.join(d, name + ".javadec"), "wb") as f:
                f.write(tobytes(decode(codec, jenc)))
        except Exception:  # noqa: BLE001 - report everything to the Java side
            failures.append("%s %r: %s" % (name, case["config"], traceback.format_exc(limit=2)))
    with open(os.path.join(d, "results.json"), "w") as f:
        json.dump({"cases": out, "failures": failures}, f)


if __name__ == "__main__":
    main(sys.argv[1])
