"""Interop driver run by zarr4j's tests with the system zarr-python (/usr/bin/python3).

  write CASES.json OUTDIR   zarr-python creates every case under OUTDIR/<id>.zarr, writes seeded
                            random data to part of it, and saves what it reads back to
                            OUTDIR/<id>.npy (the values zarr4j must read).
  verify CASES.json DIR     for every case zarr4j wrote to DIR/<id>.zarr with expected values in
                            DIR/<id>.npy, zarr-python opens the array and compares metadata and
                            values element by element.

A case: {"id", "dtype" (as .zarray writes it), "shape", "chunks", "compressor" (numcodecs config or
null), "filters" (list or null), "order", "separator", "fill_value" (as .zarray writes it),
"seed", "partial" (leave some chunks unwritten)}. Prints one line per failure and a summary line;
exit status 1 when anything failed.
"""
import json
import os
import sys

import numpy as np
import numcodecs
import zarr


def dtype_of(case):
    d = case["dtype"]
    if isinstance(d, list):
        return np.dtype([tuple(f[:2]) + ((tuple(f[2]),) if len(f) > 2 else ()) for f in d])
    return np.dtype(d)


def decode_fill(case, dtype):
    # the metadata layer knows how to decode a JSON fill value exactly as it is stored
    from zarr.meta import Metadata2

    if dtype.kind == "V" and isinstance(case["fill_value"], str):
        # zarr.create accepts raw bytes for void/structured fill values (not a decoded np.void)
        import base64

        return base64.standard_b64decode(case["fill_value"])
    return Metadata2.decode_fill_value(case["fill_value"], dtype)


def random_values(rng, dtype, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    if dtype.fields is not None:
        raw = rng.integers(0, 256, size=n * dtype.itemsize, dtype=np.uint8)
        return np.frombuffer(raw.tobytes(), dtype=dtype).reshape(shape)
    k = dtype.kind
    if k == "b":
        out = rng.integers(0, 2, size=n).astype(bool)
    elif k in "iu":
        info = np.iinfo(dtype)
        out = rng.integers(info.min, info.max, size=n, dtype=np.int64 if k == "i" else np.uint64, endpoint=True)
    elif k == "f":
        out = rng.normal(0, 1000, size=n)
        out[rng.random(n) < 0.1] = np.nan
        out[rng.random(n) < 0.02] = np.inf
    elif k == "c":
        out = rng.normal(0, 100, size=n) + 1j * rng.normal(0, 100, size=n)
    elif k == "S":
        out = np.array([bytes(rng.integers(1, 256, size=rng.integers(0, dtype.itemsize + 1), dtype=np.uint8)) for _ in range(n)])
    elif k == "U":
        length = dtype.itemsize // 4
        out = np.array(["".join(chr(c) for c in rng.choice([0x61, 0x7A, 0xE9, 0x3B1, 0x4E2D, 0x1F600], size=rng.integers(0, length + 1))) for _ in range(n)])
    elif k in "Mm":
        out = rng.integers(-(10**12), 10**12, size=n)
        out[rng.random(n) < 0.05] = np.iinfo(np.int64).min  # NaT
        return out.view(dtype.newbyteorder("=")).astype(dtype).reshape(shape)
    elif k == "V":
        raw = rng.integers(0, 256, size=n * dtype.itemsize, dtype=np.uint8)
        return np.frombuffer(raw.tobytes(), dtype=dtype).reshape(shape)
    else:
        raise ValueError("unsupported dtype %r" % (dtype,))
    return out.astype(dtype).reshape(shape)


def codec(config):
    return None if config is None else numcodecs.get_codec(dict(config))


def write(cases, outdir):
    failures = 0
    for case in cases:
        try:
            dtype = dtype_of(case)
            path = os.path.join(outdir, case["id"] + ".zarr")
            store = zarr.DirectoryStore(path)
            z = zarr.create(
                store=store,
                shape=tuple(case["shape"]),
                chunks=tuple(case["chunks"]),
                dtype=dtype,
                compressor=codec(case["compressor"]),
                filters=[codec(f) for f in case["filters"]] if case.get("filters") else None,
                fill_value=decode_fill(case, dtype),
                order=case["order"],
                dimension_separator=case["separator"],
                overwrite=True,
            )
            rng = np.random.default_rng(case["seed"])
            shape = tuple(case["shape"])
            if case.get("partial") and len(shape) > 0 and shape[0] > case["chunks"][0]:
                # leave the chunks of the first chunk row unwritten: they read as the fill value
                sel = (slice(case["chunks"][0], None),)
                sub = (shape[0] - case["chunks"][0],) + shape[1:]
                z[sel] = random_values(rng, dtype, sub)
            else:
                z[...] = random_values(rng, dtype, shape)
            np.save(os.path.join(outdir, case["id"] + ".npy"), z[...], allow_pickle=False)
        except Exception as e:  # report and go on
            failures += 1
            print("FAIL write %s: %s: %s" % (case["id"], type(e).__name__, e))
    print("%d written, %d failed" % (len(cases) - failures, failures))
    return failures


def same(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind in "fc":
        return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a.real), np.signbit(b.real))
    if a.dtype.kind in "Mm":
        return np.array_equal(a.view("i8"), b.view("i8"))
    if a.dtype.fields is not None or a.dtype.kind == "V":
        return a.tobytes() == b.tobytes()
    return np.array_equal(a, b)


def verify(cases, indir):
    failures = 0
    for case in cases:
        try:
            path = os.path.join(indir, case["id"] + ".zarr")
            z = zarr.open_array(zarr.DirectoryStore(path), mode="r")
            dtype = dtype_of(case)
            problems = []
            if z.dtype != dtype:
                problems.append("dtype %r != %r" % (z.dtype, dtype))
            if list(z.chunks) != case["chunks"]:
                problems.append("chunks %r != %r" % (z.chunks, case["chunks"]))
            if z.order != case["order"]:
                problems.append("order %r != %r" % (z.order, case["order"]))
            if z._dimension_separator != case["separator"]:
                problems.append("separator %r != %r" % (z._dimension_separator, case["separator"]))
            expected_codec = codec(case["compressor"])
            if z.compressor != expected_codec:
                problems.append("compressor %r != %r" % (z.compressor, expected_codec))
            expected_filters = [codec(f) for f in case["filters"]] if case.get("filters") else None
            if (z.filters or None) != expected_filters:
                problems.append("filters %r != %r" % (z.filters, expected_filters))
            if z.compressor is not None and z.compressor.get_config() != expected_codec.get_config():
                problems.append("compressor config %r != %r" % (z.compressor.get_config(), expected_codec.get_config()))
            meta = json.load(open(os.path.join(path, ".zarray")))
            if meta["fill_value"] != case["fill_value"] and not (
                isinstance(case["fill_value"], float) and np.isnan(case["fill_value"])
            ):
                problems.append("fill_value %r != %r" % (meta["fill_value"], case["fill_value"]))
            expected = np.load(os.path.join(indir, case["id"] + ".npy"), allow_pickle=False)
            got = z[...]
            if not same(got, expected):
                bad = np.argwhere(~(got == expected)) if got.shape == expected.shape and got.dtype.fields is None else []
                problems.append("values differ (%d mismatches; first at %s: got %r expected %r)" % (
                    len(bad), tuple(bad[0]) if len(bad) else "?",
                    got[tuple(bad[0])] if len(bad) else got.ravel()[:3],
                    expected[tuple(bad[0])] if len(bad) else expected.ravel()[:3]))
            # the .zarray zarr-python would write for the same array must equal ours, byte for byte
            ours = open(os.path.join(path, ".zarray"), "rb").read()
            theirs = zarr.util.json_dumps(json.loads(ours))
            if ours != theirs:
                problems.append(".zarray layout differs from zarr-python's json_dumps")
            if problems:
                failures += 1
                print("FAIL verify %s: %s" % (case["id"], "; ".join(problems)))
        except Exception as e:
            failures += 1
            print("FAIL verify %s: %s: %s" % (case["id"], type(e).__name__, e))
    print("%d verified, %d failed" % (len(cases) - failures, failures))
    return failures


def main():
    cmd, cases_path, directory = sys.argv[1:4]
    cases = json.load(open(cases_path))
    fn = {"write": write, "verify": verify}[cmd]
    sys.exit(1 if fn(cases, directory) else 0)


if __name__ == "__main__":
    main()
