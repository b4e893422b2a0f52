"""zarr-python side of zarr4j's peer benchmark.

Started once per run by the Java harness; reads one JSON command per line on stdin and answers
with one JSON line on stdout, so that Java and Python measurements can be interleaved in the same
run on the same data. Times only zarr's own work (the write or read call), after gc.collect().
"""
import gc
import json
import os
import shutil
import sys
import time

import numcodecs
import numpy as np
import zarr
from numcodecs import blosc as nblosc

DATA = None
CHUNKS = None


def compressor(name):
    if name == "none":
        return None
    if name == "blosc-lz4":
        return numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE)
    if name == "zstd-3":
        return numcodecs.Zstd(level=3)
    raise ValueError(name)


def set_mode(mode):
    # numcodecs' Blosc runs on c-blosc's own threads when use_threads is true (zarr-python's
    # default from the main thread); "nothreads" is its single-threaded mode.
    nblosc.use_threads = mode != "nothreads"


def chunk_paths(d):
    return sorted(os.path.join(d, f) for f in os.listdir(d) if not f.startswith("."))


def op_load(cmd):
    global DATA
    DATA = np.load(cmd["npy"])
    return {"shape": list(DATA.shape), "dtype": DATA.dtype.str}


def op_write(cmd):
    d = cmd["dir"]
    set_mode(cmd.get("mode", "threads"))
    if os.path.exists(d):
        shutil.rmtree(d)
    z = zarr.open(
        zarr.DirectoryStore(d),
        mode="w",
        shape=DATA.shape,
        chunks=tuple(cmd["chunks"]),
        dtype=DATA.dtype,
        compressor=compressor(cmd["codec"]),
    )
    gc.collect()
    c0 = time.process_time()
    t0 = time.perf_counter()
    z[...] = DATA
    t1 = time.perf_counter()
    c1 = time.process_time()
    return {"seconds": t1 - t0, "cpu": c1 - c0}


def op_read(cmd):
    set_mode(cmd.get("mode", "threads"))
    z = zarr.open(zarr.DirectoryStore(cmd["dir"]), mode="r")
    gc.collect()
    c0 = time.process_time()
    t0 = time.perf_counter()
    out = z[...]
    t1 = time.perf_counter()
    c1 = time.process_time()
    ok = None
    if cmd.get("verify"):
        ok = bool(np.array_equal(out, DATA))
    del out
    return {"seconds": t1 - t0, "cpu": c1 - c0, "equal": ok}


def op_readfiles(cmd):
    paths = chunk_paths(cmd["dir"])
    gc.collect()
    t0 = time.perf_counter()
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            n += len(f.read())
    t1 = time.perf_counter()
    return {"seconds": t1 - t0, "bytes": n, "files": len(paths)}


def op_codec(cmd):
    """numcodecs encode and decode of every chunk in memory (no store, no copy into an array)."""
    global CHUNKS
    set_mode(cmd.get("mode", "threads"))
    c = compressor(cmd["codec"])
    cy, cx = cmd["chunks"]
    if CHUNKS is None:
        CHUNKS = [
            np.ascontiguousarray(DATA[i:i + cy, j:j + cx])
            for i in range(0, DATA.shape[0], cy)
            for j in range(0, DATA.shape[1], cx)
        ]
    gc.collect()
    t0 = time.perf_counter()
    enc = [c.encode(ch) for ch in CHUNKS]
    t1 = time.perf_counter()
    out = np.empty((cy, cx), dtype=DATA.dtype)
    t2 = time.perf_counter()
    for e in enc:
        c.decode(e, out)
    t3 = time.perf_counter()
    return {"encode": t1 - t0, "decode": t3 - t2, "bytes": sum(len(e) for e in enc)}


def op_windows(cmd):
    set_mode(cmd.get("mode", "threads"))
    z = zarr.open(zarr.DirectoryStore(cmd["dir"]), mode="r")
    w = cmd["size"]
    wins = cmd["windows"]
    gc.collect()
    t0 = time.perf_counter()
    outs = [z[i:i + w, j:j + w] for i, j in wins]
    t1 = time.perf_counter()
    ok = None
    if cmd.get("verify"):
        ok = all(np.array_equal(o, DATA[i:i + w, j:j + w]) for o, (i, j) in zip(outs, wins))
    return {"seconds": t1 - t0, "equal": ok}


def op_vindex(cmd):
    """One coordinate selection (z.vindex[rows, cols]) per point set."""
    set_mode(cmd.get("mode", "threads"))
    z = zarr.open(zarr.DirectoryStore(cmd["dir"]), mode="r")
    sets = [(np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64)) for r, c in cmd["coords"]]
    gc.collect()
    t0 = time.perf_counter()
    outs = [z.vindex[r, c] for r, c in sets]
    t1 = time.perf_counter()
    ok = None
    if cmd.get("verify"):
        ok = all(np.array_equal(o, DATA[r, c]) for o, (r, c) in zip(outs, sets))
    return {"seconds": t1 - t0, "equal": ok}


def op_elements(cmd):
    set_mode(cmd.get("mode", "threads"))
    z = zarr.open(zarr.DirectoryStore(cmd["dir"]), mode="r")
    pts = cmd["points"]
    gc.collect()
    t0 = time.perf_counter()
    vals = [z[i, j] for i, j in pts]
    t1 = time.perf_counter()
    ok = None
    if cmd.get("verify"):
        ok = all(v == DATA[i, j] or (np.isnan(v) and np.isnan(DATA[i, j])) for v, (i, j) in zip(vals, pts))
    return {"seconds": t1 - t0, "equal": bool(ok) if ok is not None else None}


OPS = {
    "load": op_load,
    "write": op_write,
    "read": op_read,
    "readfiles": op_readfiles,
    "codec": op_codec,
    "windows": op_windows,
    "vindex": op_vindex,
    "elements": op_elements,
}


def main():
    info = {
        "ready": True,
        "python": sys.version.split()[0],
        "zarr": zarr.__version__,
        "numcodecs": numcodecs.__version__,
        "numpy": np.__version__,
        "blosc_threads": nblosc.get_nthreads() if hasattr(nblosc, "get_nthreads") else None,
    }
    print(json.dumps(info), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        cmd = json.loads(line)
        if cmd["op"] == "quit":
            break
        try:
            res = OPS[cmd["op"]](cmd)
        except Exception as e:  # report, keep serving
            res = {"error": repr(e)}
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
