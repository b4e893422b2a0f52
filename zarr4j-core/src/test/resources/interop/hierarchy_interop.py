"""Hierarchy interop driver run by zarr4j's HierarchyInteropIT with the system zarr-python.

  write DIR              zarr-python builds the reference hierarchy in DIR/py.zarr, consolidates
                         its metadata, saves every array's values to DIR/py_values/<path>.npy
                         ('/' written as '__') and prints the hierarchy's description.
  describe STORE MODE VALUES
                         opens STORE (MODE 'plain' or 'consolidated'), prints its description and
                         checks every array against VALUES/<path>.npy written by zarr4j.
  consolidate STORE      runs consolidate_metadata on STORE.
  render STORE           prints tree drawings and group info reports.
  copy STORE             runs copy scenarios from STORE into memory stores; prints logs and counts.
  cancast DTYPES.json    prints numpy.can_cast(a, b) for every pair.
  migrate DIR            writes the same format 1 arrays to DIR/v1_py/<case> and DIR/v1_java/<case>,
                         then migrates those under v1_py.

A description is a JSON list with one entry per node in visit order (the root first): path, kind,
attrs, and for arrays shape, chunks, dtype (str), fill_value (as .zarray stores it) and the number
of initialized chunks (left out for '/' chunk keys, which zarr-python 2.13 miscounts). Output is JSON on stdout; failures go to stderr with exit status 1.
"""
import json
import os
import shutil
import sys

import numpy as np
import zarr
from zarr.meta import Metadata2


def npy_name(path):
    return path.replace("/", "__") + ".npy"


def describe_node(path, node):
    entry = {"path": path, "kind": "array" if isinstance(node, zarr.Array) else "group",
             "attrs": node.attrs.asdict()}
    if isinstance(node, zarr.Array):
        entry["shape"] = list(node.shape)
        entry["chunks"] = list(node.chunks)
        entry["dtype"] = str(node.dtype)
        entry["fill_value"] = Metadata2.encode_fill_value(node.fill_value, node.dtype)
        if node._dimension_separator != "/":
            # zarr-python 2.13 counts the first level of directories for nested chunk keys
            entry["nchunks_initialized"] = node.nchunks_initialized
    return entry


def describe(root):
    out = [describe_node("", root)]
    root.visititems(lambda p, n: out.append(describe_node(p, n)) and None)
    return out


def build(root):
    """The reference hierarchy; zarr4j's HierarchyInteropIT builds the same one."""
    root.attrs.update({
        "title": "r\u00e9f \u2713 \U0001D11E",
        "nested": {"list": [1, 2.5, "x", [True, None]], "empty": {}},
        "big": 2 ** 70,
        "nan": float("nan"),
        "inf": float("inf"),
        "neg": -0.0,
    })
    g1 = root.create_group("g1")
    g1.attrs["kind"] = "first"
    a = g1.create_dataset("ints", data=np.arange(20, dtype="<i4").reshape(4, 5), chunks=(2, 2))
    a.attrs["units"] = "m"
    f = g1.full("g2/floats", fill_value=np.nan, shape=(7,), chunks=(3,), dtype="<f8")
    f[0:4] = [1.5, np.nan, -0.0, 1e300]
    g1.create_dataset("strs", data=np.array(["a", "\u00e9t\u00e9", "", "zzzzzz"], dtype="<U6"), chunks=(3,))
    root.create_dataset("bytes", data=np.array([b"ab", b"", b"abcd"], dtype="|S4"), chunks=(2,))
    root.create_dataset("bools", data=np.array([True, False, True]), chunks=(2,))
    root.create_dataset("big_endian", data=np.arange(6, dtype=">i8"), chunks=(4,), compressor=None)
    root.create_dataset("nested_keys", data=np.arange(12, dtype="<u2").reshape(3, 4), chunks=(2, 2),
                        dimension_separator="/")
    root.create_dataset("times", data=np.array([0, 86400, -1], dtype="<M8[s]"), chunks=(2,))
    root.create_group("g3")
    root.create_group("only_attrs").attrs["a"] = [1, {"b": None}]
    root.zeros("top", shape=(0,), chunks=(1,), dtype="<f4")


def cmd_write(d):
    store = zarr.DirectoryStore(os.path.join(d, "py.zarr"))
    root = zarr.group(store, overwrite=True)
    build(root)
    zarr.consolidate_metadata(store)
    values = os.path.join(d, "py_values")
    os.makedirs(values, exist_ok=True)
    root.visititems(lambda p, n: np.save(os.path.join(values, npy_name(p)), n[...])
                    if isinstance(n, zarr.Array) else None)
    print(json.dumps(describe(root)))


def cmd_describe(path, mode, values):
    store = zarr.DirectoryStore(path)
    root = zarr.open_consolidated(store, mode="r") if mode == "consolidated" else zarr.open_group(store, mode="r")
    bad = []

    def check(p, n):
        if isinstance(n, zarr.Array):
            expected = np.load(os.path.join(values, npy_name(p)))
            actual = n[...]
            same = (expected.dtype == actual.dtype and expected.shape == actual.shape and
                    np.array_equal(expected, actual, equal_nan=actual.dtype.kind in "fc"))
            if not same:
                bad.append(p)

    root.visititems(check)
    if bad:
        print("values differ: " + ", ".join(bad), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(describe(root)))


def cmd_consolidate(path):
    zarr.consolidate_metadata(zarr.DirectoryStore(path))


def cmd_render(path):
    root = zarr.open_group(zarr.DirectoryStore(path), mode="r")
    print(json.dumps({
        "tree": str(root.tree()),
        "tree1": str(root.tree(level=1)),
        "tree_g1": str(root["g1"].tree()),
        "ascii": bytes(root.tree()).decode("ascii"),
        "info_root": repr(root.info),
        "info_g1": repr(root["g1"].info),
    }))


def cmd_copy(path):
    src = zarr.open_group(zarr.DirectoryStore(path), mode="r")
    out = {}

    def run(name, fn):
        lines = []
        try:
            result = fn(lines.append)
            out[name] = {"log": lines, "result": list(result)}
        except zarr.errors.CopyError as e:
            out[name] = {"log": lines, "error": str(e)}

    run("copy_g1", lambda log: zarr.copy(src["g1"], zarr.group(), log=log))
    run("copy_all", lambda log: zarr.copy_all(src, zarr.group(), log=log))
    run("copy_shallow", lambda log: zarr.copy(src["g1"], zarr.group(), log=log, shallow=True))

    def existing(log, **kws):
        dest = zarr.group()
        dest.create_dataset("g1/ints", shape=(4, 5), dtype="<i4")
        dest.create_dataset("g1/g2", shape=(1,))
        return zarr.copy(src["g1"], dest, log=log, **kws)

    run("raise", lambda log: existing(log, dry_run=True))
    run("replace_dry", lambda log: existing(log, if_exists="replace", dry_run=True))
    run("skip", lambda log: existing(log, if_exists="skip"))
    run("skip_initialized", lambda log: existing(log, if_exists="skip_initialized"))
    run("copy_store", lambda log: zarr.copy_store(src.store, zarr.MemoryStore(), log=log,
                                                 excludes=[r"\.zattrs$"], includes=["g1/"]))
    run("copy_store_paths", lambda log: zarr.copy_store(src.store, zarr.MemoryStore(), log=log,
                                                       source_path="g1", dest_path="x/y"))
    print(json.dumps(out))


def cmd_cancast(path):
    with open(path) as f:
        dtypes = json.load(f)
    print(json.dumps([[bool(np.can_cast(np.dtype(a), np.dtype(b))) for b in dtypes] for a in dtypes]))


MIGRATE_CASES = {
    "blosc": dict(dtype="<i4", compressor=dict(id="blosc", cname="lz4", clevel=5, shuffle=1),
                  compression="blosc", compression_opts=dict(cname="lz4", clevel=5, shuffle=1), fill=0),
    "zlib": dict(dtype="<f8", compressor=dict(id="zlib", level=3), compression="zlib",
                 compression_opts=3, fill=float("nan")),
    "none": dict(dtype=">u2", compressor=None, compression="none", compression_opts=None, fill=7),
}


def cmd_migrate(d):
    from numcodecs import get_codec
    from zarr import meta_v1
    for case, c in MIGRATE_CASES.items():
        for side in ("v1_py", "v1_java"):
            path = os.path.join(d, side, case)
            shutil.rmtree(path, ignore_errors=True)
            store = zarr.DirectoryStore(path)
            comp = get_codec(c["compressor"]) if c["compressor"] else None
            z = zarr.create(store=store, shape=(10, 3), chunks=(4, 2), dtype=c["dtype"], order="F",
                            compressor=comp, fill_value=c["fill"])
            z[:] = np.arange(30).reshape(10, 3)
            z[0:2, :] = c["fill"]
            del store[".zarray"]
            store["meta"] = meta_v1.encode_metadata(dict(
                shape=(10, 3), chunks=(4, 2), dtype=np.dtype(c["dtype"]), compression=c["compression"],
                compression_opts=c["compression_opts"], fill_value=c["fill"], order="F"))
            store["attrs"] = b'{\n    "answer": 42\n}'
        zarr.storage.migrate_1to2(zarr.DirectoryStore(os.path.join(d, "v1_py", case)))
    print(json.dumps(sorted(MIGRATE_CASES)))


def main(argv):
    cmd = argv[1]
    if cmd == "write":
        cmd_write(argv[2])
    elif cmd == "describe":
        cmd_describe(argv[2], argv[3], argv[4])
    elif cmd == "consolidate":
        cmd_consolidate(argv[2])
    elif cmd == "render":
        cmd_render(argv[2])
    elif cmd == "copy":
        cmd_copy(argv[2])
    elif cmd == "cancast":
        cmd_cancast(argv[2])
    elif cmd == "migrate":
        cmd_migrate(argv[2])
    else:
        print("unknown command " + cmd, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
