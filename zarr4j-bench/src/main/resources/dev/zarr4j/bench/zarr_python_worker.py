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
CODEC_CHUNKS = None
DEFAULT_NTHREADS = nblosc.get_nthreads() if hasattr(nblosc, "get_nthreads") else None


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
    if DEFAULT_NTHREADS is not None:
        nblosc.set_nthreads(1 if mode == "nothreads" else DEFAULT_NTHREADS)


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


def op_codecs_load(cmd):
    """Loads the codec scenario's chunks: an (n, rows, cols) array, one chunk per first index."""
    global CODEC_CHUNKS
    a = np.load(cmd["npy"])
    CODEC_CHUNKS = [np.ascontiguousarray(a[i]) for i in range(a.shape[0])]
    return {"chunks": len(CODEC_CHUNKS), "chunk_bytes": CODEC_CHUNKS[0].nbytes}


def timed_loop(fn, n, min_seconds):
    """Runs fn(0..n-1) in whole passes until min_seconds have passed; (seconds, calls)."""
    done = 0
    t0 = time.perf_counter()
    while True:
        for i in range(n):
            fn(i)
        done += n
        t = time.perf_counter() - t0
        if t >= min_seconds:
            return t, done


def op_codec_time(cmd):
    """Times numcodecs' encode and decode (into a preallocated chunk) of the loaded chunks."""
    set_mode(cmd["mode"])
    c = numcodecs.get_codec(dict(cmd["config"]))
    n = int(cmd["count"])
    chunks = CODEC_CHUNKS[:n]
    enc = [c.encode(ch) for ch in chunks]
    out = np.empty_like(chunks[0])
    gc.collect()
    te, ne = timed_loop(lambda i: c.encode(chunks[i]), n, cmd["seconds"])
    td, nd = timed_loop(lambda i: c.decode(enc[i], out), n, cmd["seconds"])
    return {
        "encode": te / ne,
        "decode": td / nd,
        "encoded_bytes": sum(len(e) for e in enc),
    }


def op_codec_dump(cmd):
    """Writes numcodecs' (single-threaded) encoding of each loaded chunk to dir/py-<i>."""
    set_mode("nothreads")
    c = numcodecs.get_codec(dict(cmd["config"]))
    for i in range(int(cmd["count"])):
        with open(os.path.join(cmd["dir"], "py-%d" % i), "wb") as f:
            f.write(bytes(c.encode(CODEC_CHUNKS[i])))
    return {}


def op_codec_check(cmd):
    """Decodes dir/<prefix>-<i> with numcodecs and compares with the loaded chunks."""
    set_mode("nothreads")
    c = numcodecs.get_codec(dict(cmd["config"]))
    bad = []
    for i in range(int(cmd["count"])):
        with open(os.path.join(cmd["dir"], "%s-%d" % (cmd["prefix"], i)), "rb") as f:
            buf = f.read()
        ref = CODEC_CHUNKS[i]
        out = np.frombuffer(bytes(c.decode(buf)), dtype=ref.dtype)
        if out.size != ref.size or not np.array_equal(out.view(np.uint32), ref.reshape(-1).view(np.uint32)):
            bad.append(i)
    return {"equal": not bad, "bad": bad}


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


def op_regions(cmd):
    """Reads each [i, j, h, w] region of the array (z[i:i + h, j:j + w]), one call each."""
    set_mode(cmd.get("mode", "threads"))
    z = zarr.open(zarr.DirectoryStore(cmd["dir"]), mode="r")
    regions = cmd["regions"]
    gc.collect()
    c0 = time.process_time()
    t0 = time.perf_counter()
    outs = [z[i:i + h, j:j + w] for i, j, h, w in regions]
    t1 = time.perf_counter()
    c1 = time.process_time()
    ok = None
    if cmd.get("verify"):
        ok = all(np.array_equal(o, DATA[i:i + h, j:j + w]) for o, (i, j, h, w) in zip(outs, regions))
    del outs
    return {"seconds": t1 - t0, "cpu": c1 - c0, "equal": ok}


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
    "codecs_load": op_codecs_load,
    "codec_time": op_codec_time,
    "codec_dump": op_codec_dump,
    "codec_check": op_codec_check,
    "windows": op_windows,
    "regions": op_regions,
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
