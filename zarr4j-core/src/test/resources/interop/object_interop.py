"""Object-array interop driver for zarr4j's tests (system zarr-python, /usr/bin/python3).

  write CASES.json DIR    zarr-python writes DIR/<id>.zarr for each case with the values in the
                          case (decoded from JSON), and saves what it reads back as DIR/<id>.json
  verify CASES.json DIR   zarr-python reads DIR/<id>.zarr (written by zarr4j) and compares it with
                          the case's values

Values travel as JSON: {"b64": "..."} for bytes, {"array": [...], "dtype": "<i4"} for ragged
arrays, plain JSON otherwise; null marks an element left unwritten (read back as the fill value).
"""
import base64
import json
import os
import sys

import numcodecs
import numpy as np
import zarr


def decode(v):
    if isinstance(v, dict) and "b64" in v:
        return base64.standard_b64decode(v["b64"])
    if isinstance(v, dict) and "array" in v:
        return np.array(v["array"], dtype=v["dtype"])
    return v


def encode(v):
    if isinstance(v, bytes):
        return {"b64": base64.standard_b64encode(v).decode("ascii")}
    if isinstance(v, np.ndarray):
        return {"array": v.tolist(), "dtype": v.dtype.str}
    return v


def codec(case):
    return numcodecs.get_codec(dict(case["object_codec"]))


def write(cases, directory):
    failures = 0
    for case in cases:
        try:
            z = zarr.create(store=zarr.DirectoryStore(os.path.join(directory, case["id"] + ".zarr")),
                            shape=tuple(case["shape"]), chunks=tuple(case["chunks"]), dtype=object,
                            object_codec=codec(case), fill_value=case["fill_value"],
                            compressor=None if case["compressor"] is None else numcodecs.get_codec(dict(case["compressor"])),
                            order=case["order"], overwrite=True)
            arr = np.empty(len(case["values"]), dtype=object)
            for i, v in enumerate(case["values"]):
                arr[i] = decode(v)
            z[...] = arr.reshape(tuple(case["shape"]))
            out = [encode(x) for x in z[...].ravel().tolist()]
            json.dump(out, open(os.path.join(directory, case["id"] + ".json"), "w"))
        except Exception as e:
            failures += 1
            print("FAIL write %s: %s: %s" % (case["id"], type(e).__name__, e))
    print("%d written, %d failed" % (len(cases) - failures, failures))
    return failures


def same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    return a == b and type(a) == type(b)


def verify(cases, directory):
    failures = 0
    for case in cases:
        try:
            z = zarr.open_array(zarr.DirectoryStore(os.path.join(directory, case["id"] + ".zarr")), mode="r")
            got = z[...].ravel().tolist()
            expected = [decode(v) if v is not None else case["fill_value"] for v in case["values"]]
            bad = [i for i, (g, e) in enumerate(zip(got, expected)) if not same(g, e)]
            if len(got) != len(expected) or bad:
                failures += 1
                i = bad[0] if bad else 0
                print("FAIL verify %s: element %d: got %r expected %r" % (case["id"], i, got[i], expected[i]))
            elif z.filters[0].get_config() != codec(case).get_config():
                failures += 1
                print("FAIL verify %s: filters %r" % (case["id"], z.filters))
        except Exception as e:
            failures += 1
            print("FAIL verify %s: %s: %s" % (case["id"], type(e).__name__, e))
    print("%d verified, %d failed" % (len(cases) - failures, failures))
    return failures


if __name__ == "__main__":
    cmd, cases_path, directory = sys.argv[1:4]
    sys.exit(1 if {"write": write, "verify": verify}[cmd](json.load(open(cases_path)), directory) else 0)
