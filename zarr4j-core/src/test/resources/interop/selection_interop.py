"""Selection interop driver for zarr4j's tests, run with the system zarr-python (/usr/bin/python3).

  select CASES.json DIR   for every case zarr-python creates DIR/<id>.zarr with seeded data, then
                          evaluates each selection (NumPy's text form, through [], .oindex,
                          .vindex, .blocks or a mask file) and saves the result to
                          DIR/<id>__<n>.npy
  verify CASES.json DIR   for every case zarr-python reads DIR/<id>.zarr (written by zarr4j through
                          its setters) and compares it with DIR/<id>.npy

A case: {"id", "dtype", "shape", "chunks", "order", "seed", "selections": [{"via", "text"}]}.
"""
import json
import os
import sys

import numpy as np
import zarr


def dtype_of(d):
    if isinstance(d, list):
        return np.dtype([tuple(f[:2]) + ((tuple(f[2]),) if len(f) > 2 else ()) for f in d])
    return np.dtype(d)


def data(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    raw = rng.integers(0, 256, size=n * dtype.itemsize, dtype=np.uint8).tobytes()
    a = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if dtype.kind == "f":
        a[np.isnan(a)] = 1.5  # keep NaN payloads canonical
        a.ravel()[::7] = np.nan
    if dtype.kind == "U":
        a = np.array([chr(0x61 + int(x) % 26) * (int(x) % (dtype.itemsize // 4 + 1)) for x in rng.integers(0, 1000, size=n)], dtype=dtype).reshape(shape)
    if dtype.kind == "b":
        a = rng.integers(0, 2, size=n).astype(bool).reshape(shape)
    return a


def select(cases, directory):
    failures = 0
    for case in cases:
        dtype = dtype_of(case["dtype"])
        z = zarr.open_array(os.path.join(directory, case["id"] + ".zarr"), mode="w", shape=tuple(case["shape"]),
                            chunks=tuple(case["chunks"]), dtype=dtype, order=case["order"],
                            # zarr-python 2.13's open_array cannot compare a record dtype with 0
                            fill_value=None if dtype.fields is not None else 0)
        z[...] = data(dtype, tuple(case["shape"]), case["seed"])
        for n, s in enumerate(case["selections"]):
            try:
                via, text = s["via"], s["text"]
                if via == "mask":
                    mask = np.load(os.path.join(directory, text), allow_pickle=False)
                    result = z.vindex[mask]
                else:
                    target = {"get": "z", "oindex": "z.oindex", "vindex": "z.vindex", "blocks": "z.blocks"}[via]
                    result = eval("%s[%s]" % (target, text), {"z": z, "np": np})
                np.save(os.path.join(directory, "%s__%d.npy" % (case["id"], n)), np.asarray(result), allow_pickle=False)
            except Exception as e:
                failures += 1
                print("FAIL select %s #%d %r: %s: %s" % (case["id"], n, s, type(e).__name__, e))
    print("%d cases selected, %d failed" % (len(cases), failures))
    return failures


def verify(cases, directory):
    failures = 0
    for case in cases:
        try:
            z = zarr.open_array(os.path.join(directory, case["id"] + ".zarr"), mode="r")
            expected = np.load(os.path.join(directory, case["id"] + ".npy"), allow_pickle=False)
            got = z[...]
            same = got.dtype == expected.dtype and got.shape == expected.shape and got.tobytes() == expected.tobytes()
            if not same:
                failures += 1
                print("FAIL verify %s: got %r expected %r" % (case["id"], got.ravel()[:6], expected.ravel()[:6]))
        except Exception as e:
            failures += 1
            print("FAIL verify %s: %s: %s" % (case["id"], type(e).__name__, e))
    print("%d cases verified, %d failed" % (len(cases), failures))
    return failures


if __name__ == "__main__":
    cmd, cases_path, directory = sys.argv[1:4]
    cases = json.load(open(cases_path))
    sys.exit(1 if {"select": select, "verify": verify}[cmd](cases, directory) else 0)
