"""N5 interop driver run by zarr4j's N5InteropIT with the system zarr-python (2.13).

  write DIR          zarr-python writes N5 containers DIR/py_<kind>.n5 through zarr.N5Store and
                     zarr.N5FSStore (kind 'n5store' or 'n5fsstore'): a group hierarchy with
                     attributes and arrays of many dtypes x every compression numcodecs offers
                     for N5, with edge blocks and unwritten blocks; and DIR/py_root_<kind>.n5, an
                     array at the store root. Saves every array's values (read back through
                     zarr) to DIR/expected/<container>/<path>.npy ('/' written as '__') and prints
                     a JSON list describing every node.
  check DIR MANIFEST opens the containers zarr4j wrote (listed in MANIFEST, a JSON list of nodes)
                     with both store classes, compares kinds, attributes, shapes, chunks, dtypes,
                     compressor configurations and values, and compares each attributes.json
                     with the one zarr-python writes for the same node. Prints "ok <count>".

Failures go to stderr with exit status 1.
"""
import json
import os
import shutil
import sys
import warnings

import numcodecs
import numpy as np
import zarr
from numcodecs.registry import get_codec

warnings.simplefilter("ignore")

COMPRESSORS = {
    "raw": None,
    "gzip": numcodecs.GZip(level=1),
    "zlib": numcodecs.Zlib(level=5),
    "bz2": numcodecs.BZ2(level=3),
    "xz": numcodecs.LZMA(),
    "xz3": numcodecs.LZMA(preset=3),
    "lzma_alone": numcodecs.LZMA(format=2),
    "blosc_lz4": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=1),
    "blosc_zstd": numcodecs.Blosc(cname="zstd", clevel=3, shuffle=2),
    "blosc_zlib": numcodecs.Blosc(cname="zlib", clevel=1, shuffle=0),
    "zstd": numcodecs.Zstd(level=3),
    "lz4": numcodecs.LZ4(acceleration=1),
}

DTYPES = ["|u1", "|i1", ">i2", "<u2", "<i4", ">u4", "<i8", "<u8", "<f2", "<f4", ">f8",
          "|b1", "<M8[ns]", "<m8[s]"]

SHAPES = [((5, 7), (2, 3)), ((4, 5, 6), (3, 2, 4)), ((11,), (4,)), ((6, 6), (3, 3))]


def npy_name(path):
    return path.replace("/", "__") + ".npy"


def values(dtype, shape, rng):
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt.kind == "b":
        v = rng.integers(0, 2, n).astype(bool)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        v = rng.integers(info.min, info.max, n, dtype=np.int64 if dt.kind == "i" else np.uint64,
                         endpoint=True) if dt.itemsize == 8 else rng.integers(info.min, info.max, n)
    elif dt.kind == "f":
        v = rng.normal(0, 1000, n)
    elif dt.kind == "c":
        v = rng.normal(0, 10, n) + 1j * rng.normal(0, 10, n)
    elif dt.kind in "Mm":
        v = rng.integers(-2**62, 2**62, n).view(dt.str.replace(">", "<"))
    else:
        raise ValueError(dtype)
    return np.asarray(v).astype(dt).reshape(shape)


def describe(store_label, path, node):
    entry = {"container": store_label, "path": path,
             "kind": "array" if isinstance(node, zarr.Array) else "group",
             "attrs": node.attrs.asdict()}
    if isinstance(node, zarr.Array):
        entry["shape"] = list(node.shape)
        entry["chunks"] = list(node.chunks)
        entry["dtype"] = str(node.dtype)
        entry["compressor_config"] = node.compressor.get_config()["compressor_config"]
        entry["npy"] = os.path.join("expected", store_label, npy_name(path or "root"))
    return entry


def open_store(kind, path):
    if kind == "n5store":
        return zarr.N5Store(path)
    return zarr.N5FSStore(path, auto_mkdir=True)


def write_container(out, kind, rng):
    label = "py_" + kind + ".n5"
    path = os.path.join(out, label)
    shutil.rmtree(path, ignore_errors=True)
    store = open_store(kind, path)
    root = zarr.group(store=store, overwrite=True)
    root.attrs.update({"title": "n5 interop", "nested": {"list": [1, 2.5, "x", [True, None]]},
                       "unicode": "r\u00e9f \u2713"})
    arrays = []
    i = 0
    for cname, comp in COMPRESSORS.items():
        g = root.require_group("c/" + cname)
        g.attrs["compressor"] = cname
        # every dtype with raw and gzip, a rotation of dtypes and shapes with the rest
        picks = range(len(DTYPES)) if cname in ("raw", "gzip") else range(3)
        for k in picks:
            dtype = DTYPES[k] if cname in ("raw", "gzip") else DTYPES[(i + 5 * k) % len(DTYPES)]
            shape, chunks = SHAPES[(i + k) % len(SHAPES)]
            name = "a%d_%s" % (k, np.dtype(dtype).name.replace("[", "_").replace("]", ""))
            z = g.zeros(name, shape=shape, chunks=chunks, dtype=dtype, compressor=comp)
            v = values(dtype, shape, rng)
            if k % 3 == 2:
                # leave the last blocks unwritten: they read as 0
                sl = tuple(slice(0, max(1, s // 2)) for s in shape)
                z[sl] = v[sl]
            else:
                z[...] = v
            z.attrs["index"] = k
            z.attrs["dtype_requested"] = dtype
            arrays.append("c/%s/%s" % (cname, name))
        i += 1
    s = root.zeros("scalar", shape=(), dtype="<i4", compressor=None)
    s[...] = 7
    arrays.append("scalar")
    e = root.zeros("empty", shape=(0, 3), chunks=(2, 2), dtype="<f8")
    arrays.append("empty")
    os.makedirs(os.path.join(out, "expected", label), exist_ok=True)
    entries = []
    reread = zarr.open_group(open_store(kind, path), mode="r")

    def visit(p, node):
        entries.append(describe(label, p, node))
        if isinstance(node, zarr.Array):
            np.save(os.path.join(out, "expected", label, npy_name(p)), node[...])

    visit("", reread)
    reread.visititems(visit)
    return entries


def write_root_array(out, kind, rng):
    label = "py_root_" + kind + ".n5"
    path = os.path.join(out, label)
    shutil.rmtree(path, ignore_errors=True)
    z = zarr.create(shape=(9, 4), chunks=(4, 3), dtype="<i2", compressor=numcodecs.Zstd(1),
                    store=open_store(kind, path), fill_value=0)
    z[...] = values("<i2", (9, 4), rng)
    z.attrs["root"] = True
    os.makedirs(os.path.join(out, "expected", label), exist_ok=True)
    r = zarr.open_array(open_store(kind, path), mode="r")
    np.save(os.path.join(out, "expected", label, npy_name("root")), r[...])
    return [describe(label, "", r)]


def write(out):
    rng = np.random.default_rng(20261201)
    entries = []
    for kind in ("n5store", "n5fsstore"):
        entries += write_container(out, kind, rng)
        entries += write_root_array(out, kind, rng)
    print(json.dumps(entries))


def fail(msg):
    raise AssertionError(msg)


def same_values(a, b):
    if a.shape != b.shape:
        return False
    if a.dtype.kind == "f" or a.dtype.kind == "c":
        return np.array_equal(a, b, equal_nan=True)
    return np.array_equal(a, b)


def zarr_python_document(node_entry, kind):
    """The attributes.json zarr-python writes for the same node."""
    tmp = os.path.join(os.environ.get("N5_SCRATCH", "/tmp"), "n5_scratch_%d.n5" % os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    store = zarr.N5Store(tmp)
    path = node_entry["path"]
    if node_entry["kind"] == "group":
        g = zarr.group(store=store, path=path or None)
        if node_entry["attrs"]:
            g.attrs.put(node_entry["attrs"])
    else:
        cfg = node_entry["compressor_config"]
        z = zarr.create(shape=node_entry["shape"], chunks=node_entry["chunks"],
                        dtype=node_entry["dtype"], fill_value=0,
                        compressor=None if cfg is None else get_codec(dict(cfg)),
                        store=store, path=path or None)
        if node_entry["attrs"]:
            z.attrs.put(node_entry["attrs"])
    with open(os.path.join(tmp, path, "attributes.json"), "rb") as f:
        doc = f.read()
    shutil.rmtree(tmp, ignore_errors=True)
    return doc


def check(out, manifest_path):
    with open(manifest_path) as f:
        manifest = json.load(f)
    count = 0
    for kind in ("n5store", "n5fsstore"):
        for e in manifest:
            container = os.path.join(out, e["container"])
            store = open_store(kind, container)
            path = e["path"]
            where = "%s %s:%s" % (kind, e["container"], path)
            if e["kind"] == "group":
                if not zarr.storage.contains_group(store, path or None):
                    fail("%s: not a group" % where)
                g = zarr.open_group(store, mode="r", path=path or None)
                if g.attrs.asdict() != e["attrs"]:
                    fail("%s: attrs %r != %r" % (where, g.attrs.asdict(), e["attrs"]))
                members = sorted(g.group_keys()) + sorted(g.array_keys())
                if sorted(members) != sorted(e["members"]):
                    fail("%s: members %r != %r" % (where, members, e["members"]))
            else:
                if not zarr.storage.contains_array(store, path or None):
                    fail("%s: not an array" % where)
                z = zarr.open_array(store, mode="r", path=path or None)
                expected = np.load(os.path.join(out, e["npy"]))
                if list(z.shape) != e["shape"] or list(z.chunks) != e["chunks"]:
                    fail("%s: shape/chunks %r %r != %r %r"
                         % (where, z.shape, z.chunks, e["shape"], e["chunks"]))
                if str(z.dtype) != e["dtype"]:
                    fail("%s: dtype %s != %s" % (where, z.dtype, e["dtype"]))
                fv = np.asarray(z.fill_value)
                if (fv.astype("i8") if z.dtype.kind in "Mm" else fv) != 0:
                    fail("%s: fill_value %r" % (where, z.fill_value))
                cfg = z.compressor.get_config()["compressor_config"]
                if cfg != e["compressor_config"]:
                    fail("%s: compressor_config %r != %r" % (where, cfg, e["compressor_config"]))
                got = z[...]
                if not same_values(got, expected.astype(got.dtype)):
                    fail("%s: values differ:\n%r\n%r" % (where, got, expected))
                if z.attrs.asdict() != e["attrs"]:
                    fail("%s: attrs %r != %r" % (where, z.attrs.asdict(), e["attrs"]))
            if kind == "n5store" and e.get("same_document", True):
                mine = open(os.path.join(container, path, "attributes.json"), "rb").read()
                theirs = zarr_python_document(e, kind)
                if mine != theirs:
                    fail("%s: attributes.json differs from zarr-python's:\n%s\n%s"
                         % (where, mine.decode(), theirs.decode()))
            count += 1
    print("ok %d" % count)


def main():
    cmd = sys.argv[1]
    if cmd == "write":
        write(sys.argv[2])
    elif cmd == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - report every failure the same way
        import traceback
        traceback.print_exc()
        sys.exit(1)
