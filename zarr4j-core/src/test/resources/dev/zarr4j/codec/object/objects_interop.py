"""Cross-checks zarr4j's object codecs against numcodecs 0.11 (driven by ObjectInteropTest).

Usage: objects_interop.py DIR

DIR/cases.json holds {"cases": [...], "utf8_probes": [hex], "json_probes": [text]}. Each case has
"name", "config" (zarr4j's toConfig), "kind" ("object" or "unicode"), "shape", "elements" (tagged
values, flat, C order), "expect" (tagged values numcodecs should decode), "deterministic" (whether
numcodecs' bytes must equal zarr4j's) and "dtype" (for "unicode"). DIR/<name>.java.enc holds
zarr4j's encoding. For every case this writes DIR/<name>.py.enc (numcodecs' encoding of the same
elements) and checks that numcodecs decodes zarr4j's bytes to "expect".

It also writes Python-made cases (numcodecs' own test arrays, zarr-python F-order chunks) as
DIR/py_<name>.enc with their tagged elements, and DIR/results.json:
{"cases": {name: {"repr", "config"}}, "pycases": [...], "utf8": [bool], "json": [[ok, tagged]],
 "failures": [str]}.

Tagged values: null; {"bool": b}; {"int": "digits"}; {"float": "16 hex digits of the IEEE bits"};
{"str": "hex of UTF-16-LE"}; {"bytes": hex}; {"list": [...]}; {"dict": [[k, v], ...]};
{"ndarray": dtype.str, "hex": raw bytes}; {"ts": [seconds, nanoseconds]}; {"ext": [code, hex]}.
"""
import json
import os
import struct
import sys
import traceback

import msgpack
import numpy as np
import numcodecs
import zarr


def tag(v):
    if v is None:
        return None
    if isinstance(v, msgpack.ExtType):  # a namedtuple: before the tuple case
        return {"ext": [v.code, v.data.hex()]}
    if isinstance(v, (bool, np.bool_)):
        return {"bool": bool(v)}
    if isinstance(v, (int, np.integer)):
        return {"int": str(int(v))}
    if isinstance(v, (float, np.floating)):
        return {"float": struct.pack(">d", float(v)).hex()}
    if isinstance(v, str):
        return {"str": v.encode("utf-16-le", "surrogatepass").hex()}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, (list, tuple)):
        return {"list": [tag(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[tag(k), tag(x)] for k, x in v.items()]}
    if isinstance(v, np.ndarray):
        return {"ndarray": v.dtype.str, "hex": np.ascontiguousarray(v).tobytes().hex()}
    if isinstance(v, msgpack.Timestamp):
        return {"ts": [v.seconds, v.nanoseconds]}
    raise TypeError("cannot tag %r" % (v,))


def untag(t):
    if t is None:
        return None
    (k, v), = [(k, v) for k, v in t.items() if k != "hex"] or [("hex", None)]
    if k == "bool":
        return bool(v)
    if k == "int":
        return int(v)
    if k == "float":
        return struct.unpack(">d", bytes.fromhex(v))[0]
    if k == "str":
        return bytes.fromhex(v).decode("utf-16-le", "surrogatepass")
    if k == "bytes":
        return bytes.fromhex(v)
    if k == "list":
        return [untag(x) for x in v]
    if k == "dict":
        return {untag(a): untag(b) for a, b in v}
    if k == "ndarray":
        return np.frombuffer(bytes.fromhex(t["hex"]), dtype=np.dtype(v)).copy()
    if k == "ts":
        return msgpack.Timestamp(v[0], v[1])
    if k == "ext":
        return msgpack.ExtType(v[0], bytes.fromhex(v[1]))
    raise ValueError("bad tag %r" % (t,))


def eq(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and a.tobytes() == b.tobytes())
    if isinstance(a, float) and isinstance(b, float):
        return struct.pack(">d", a) == struct.pack(">d", b)
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(eq(a[k], b[k]) for k in a)
    return a == b


def tobytes(x):
    if isinstance(x, (bytes, bytearray)):
        return bytes(x)
    return np.ascontiguousarray(x).tobytes()


def build(case):
    shape = tuple(case["shape"])
    values = [untag(t) for t in case["elements"]]
    if case["kind"] == "unicode":
        return np.array(values, dtype=case["dtype"]).reshape(shape)
    flat = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        flat[i] = v
    return flat.reshape(shape)


def run_case(d, case, out, failures):
    name = case["name"]
    codec = numcodecs.get_codec(dict(case["config"]))
    out[name] = {"repr": repr(codec), "config": json.loads(json.dumps(codec.get_config())),
                 "config_keys": list(codec.get_config().keys())}
    arr = build(case)
    enc = tobytes(codec.encode(arr))
    with open(os.path.join(d, name + ".py.enc"), "wb") as f:
        f.write(enc)
    with open(os.path.join(d, name + ".java.enc"), "rb") as f:
        jenc = f.read()
    if case["deterministic"] and enc != jenc:
        failures.append("%s %s: bytes differ\n numcodecs %r\n zarr4j    %r"
                        % (name, repr(codec), enc[:300], jenc[:300]))
    expect = [untag(t) for t in case["expect"]]
    for label, frame in (("zarr4j's", jenc), ("numcodecs' own", enc)):
        dec = codec.decode(frame)
        got = list(np.asarray(dec).reshape(-1))
        if case["kind"] == "unicode":
            got = [str(x) for x in got]
        if len(got) != len(expect):
            failures.append("%s: decoding %s bytes gave %d elements, expected %d"
                            % (name, label, len(got), len(expect)))
            continue
        for i, (g, e) in enumerate(zip(got, expect)):
            if isinstance(g, np.str_):
                g = str(g)
            if not eq(g, e):
                failures.append("%s %s: decoding %s bytes, element %d is %r, expected %r"
                                % (name, repr(codec), label, i, g, e))
                break


def python_cases(d):
    """Arrays made and encoded by numcodecs/zarr-python, for zarr4j to decode."""
    greetings = ['¡Hola mundo!', 'Hej Världen!', 'Servus Woid!', 'Hei maailma!',
                 'Xin chào thế giới', 'Njatjeta Botë!', 'Γεια σου κόσμε!', 'こんにちは世界',
                 '世界,你好!', 'Helló, világ!', 'Zdravo svete!', 'เฮลโลเวิลด์']
    mixed = np.array(['foo', ['bar', 1.0, 2], {'a': 'b', 'c': 42}] * 3, dtype=object)
    cases = [
        ("utf8_greetings", numcodecs.VLenUTF8(), np.array(greetings * 3, dtype=object)),
        ("utf8_2d", numcodecs.VLenUTF8(), np.array(greetings * 2, dtype=object).reshape(4, 6)),
        ("utf8_none", numcodecs.VLenUTF8(), np.array(['foo', None, 'bar'], dtype=object)),
        ("bytes_greetings", numcodecs.VLenBytes(),
         np.array([g.encode('utf-8') for g in greetings], dtype=object)),
        ("array_i8", numcodecs.VLenArray('<i8'),
         np.array([np.array([1, 3, 5]), np.array([4]), np.array([7, 9, 14]),
                   np.array([], dtype='i8')], dtype=object)),
        ("array_f4_none", numcodecs.VLenArray('>f4'),
         np.array([[1.5, np.nan], None, [4, 7, -0.0]], dtype=object)),
        ("json_docs", numcodecs.JSON(),
         np.array([42, 'foo', ['bar', 'baz', 'qux'], {'a': 1, 'b': 2.2}, None], dtype=object)),
        ("json_mixed", numcodecs.JSON(), mixed),
        ("json_nan", numcodecs.JSON(), np.array([['foo', 'bar', np.nan]] * 3, dtype=object)),
        ("json_greetings", numcodecs.JSON(), np.array(greetings, dtype=object).reshape(3, 2, 2)),
        ("json_indent", numcodecs.JSON(indent=True), mixed),
        ("json_bigint", numcodecs.JSON(), np.array([2 ** 80, -2 ** 70, 1e300, 5e-324], dtype=object)),
        ("msgpack_mixed", numcodecs.MsgPack(), mixed),
        ("msgpack_bytes", numcodecs.MsgPack(),
         np.array([b'foo', {b'key': b'value'}, [b'list', b'of'], 2 ** 64 - 1, -2 ** 63,
                   msgpack.Timestamp(-5, 7), msgpack.ExtType(3, b'xyz')], dtype=object)),
        ("msgpack_raw", numcodecs.MsgPack(raw=True), np.array(['a', 'é', 'x' * 40], dtype=object)),
        ("msgpack_nobin", numcodecs.MsgPack(use_bin_type=False, use_single_float=True),
         np.array(['a' * 40, 1.1, 3], dtype=object)),
        ("categorize_docs", numcodecs.Categorize(greetings, dtype=object),
         np.array(greetings * 2 + ['nope', None], dtype=object)),
        ("categorize_f8", numcodecs.Categorize(['a', 'b'], dtype=object, astype='>f8'),
         np.array(['a', 'b', 'c', 'b'], dtype=object)),
    ]
    result = []
    for name, codec, arr in cases:
        enc = tobytes(codec.encode(arr))
        with open(os.path.join(d, "py_" + name + ".enc"), "wb") as f:
            f.write(enc)
        dec = np.asarray(codec.decode(enc)).reshape(-1)
        result.append({"name": name, "config": json.loads(json.dumps(codec.get_config())),
                       "repr": repr(codec), "count": int(arr.size),
                       "elements": [tag(x) for x in dec]})
    # zarr-python's F-order object chunks: zarr4j's decodeObjects must give the chunk's memory
    # order as zarr-python reads it back
    for codec in (numcodecs.JSON(), numcodecs.MsgPack(), numcodecs.VLenUTF8()):
        z = zarr.zeros((2, 3), chunks=(2, 3), dtype=object, object_codec=codec, order='F',
                       compressor=None, store=zarr.MemoryStore())
        z[:] = np.array([['a', 'b', 'c'], ['d', 'e', 'f']], dtype=object)
        name = "forder_" + codec.codec_id
        with open(os.path.join(d, "py_" + name + ".enc"), "wb") as f:
            f.write(bytes(z.store['0.0']))
        back = z[:]
        result.append({"name": name, "config": json.loads(json.dumps(codec.get_config())),
                       "repr": repr(codec), "count": 6, "elements": [tag(x) for x in back.ravel(order='F')]})
    return result


def main(d):
    with open(os.path.join(d, "cases.json")) as f:
        spec = json.load(f)
    out = {}
    failures = []
    for case in spec["cases"]:
        try:
            run_case(d, case, out, failures)
        except Exception:  # noqa: BLE001 - report everything to the Java side
            failures.append("%s %r: %s" % (case["name"], case["config"],
                                           traceback.format_exc(limit=3)))
    utf8 = []
    for h in spec["utf8_probes"]:
        try:
            bytes.fromhex(h).decode("utf-8")
            utf8.append(True)
        except UnicodeDecodeError:
            utf8.append(False)
    parsed = []
    for text in spec["json_probes"]:
        try:
            parsed.append([True, tag(json.JSONDecoder(strict=True).decode(text))])
        except (ValueError, RecursionError):
            parsed.append([False, None])
    try:
        pycases = python_cases(d)
    except Exception:  # noqa: BLE001
        pycases = []
        failures.append("python cases: " + traceback.format_exc(limit=3))
    constructed = {}
    for label, codec in (
            ("json_default", numcodecs.JSON()),
            ("json_indent2", numcodecs.JSON(indent=2)),
            ("json_indent_tab", numcodecs.JSON(indent='\t', sort_keys=False)),
            ("json_indent_true", numcodecs.JSON(indent=True)),
            ("msgpack_default", numcodecs.MsgPack()),
            ("vlen_array_int", numcodecs.VLenArray(int)),
            ("vlen_array_f4", numcodecs.VLenArray('>f4')),
            ("categorize_default", numcodecs.Categorize(['a', 'b'], dtype=object)),
            ("categorize_unicode", numcodecs.Categorize(['a'], dtype='U3'))):
        constructed[label] = {"repr": repr(codec),
                              "config": json.loads(json.dumps(codec.get_config()))}
    with open(os.path.join(d, "results.json"), "w") as f:
        json.dump({"cases": out, "pycases": pycases, "constructed": constructed, "utf8": utf8, "json": parsed,
                   "failures": failures}, f)


if __name__ == "__main__":
    main(sys.argv[1])
