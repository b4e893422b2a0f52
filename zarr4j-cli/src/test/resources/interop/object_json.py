"""zarr-python's side of ObjectJsonInteropIT.

make DIR   writes object arrays with each object codec numcodecs offers for them to DIR/NAME.zarr
check DIR  compares DIR/NAME.zarr with DIR/NAME-back.zarr (codec and every element); prints OK NAME
"""
import sys

import numcodecs
import numpy as np
import zarr

NAMES = ['utf8', 'bytes', 'ragged', 'json', 'msgpack']


def make(d):
    z = zarr.open(d + '/utf8.zarr', mode='w', shape=(7, 3), chunks=(2, 2), dtype=object,
                  object_codec=numcodecs.VLenUTF8())
    z[:] = np.array([['', 'a', 'caf\u00e9'], ['x"y', "it's", '\u4e2d\U0001f600'],
                     ['\n\t', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i'],
                     ['j', 'k', 'l'], ['m', 'n', 'o']], dtype=object)
    z = zarr.open(d + '/bytes.zarr', mode='w', shape=(5,), chunks=(2,), dtype=object,
                  object_codec=numcodecs.VLenBytes())
    z[:] = np.array([b'', b'\x00\xff', b'abc', b'\n', b'"\''], dtype=object)
    z = zarr.open(d + '/ragged.zarr', mode='w', shape=(2, 3), chunks=(1, 2), dtype=object,
                  object_codec=numcodecs.VLenArray('<f8'))
    vals = [np.array([1.5, -2.0]), np.array([]), np.array([np.nan, np.inf, -np.inf]),
            np.array([0.1]), np.array([1e300, -0.0]), np.array([3.0])]
    for i, v in enumerate(vals):
        z[i // 3, i % 3] = v
    z = zarr.open(d + '/json.zarr', mode='w', shape=(4,), chunks=(3,), dtype=object,
                  object_codec=numcodecs.JSON())
    z[:] = np.array([{'a': [1, 2.5, None]}, None, 'text', [True, {'b': 'c'}]], dtype=object)
    z = zarr.open(d + '/msgpack.zarr', mode='w', shape=(3,), chunks=(2,), dtype=object,
                  object_codec=numcodecs.MsgPack())
    z[:] = np.array([[1, 'two', 3.5], {'k': False}, 'plain'], dtype=object)


def same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and np.array_equal(a, b, equal_nan=True)
                and list(np.signbit(a)) == list(np.signbit(b)))
    return type(a) == type(b) and a == b


def check(d):
    for name in NAMES:
        a = zarr.open(d + '/' + name + '.zarr', mode='r')
        b = zarr.open(d + '/' + name + '-back.zarr', mode='r')
        assert a.shape == b.shape and a.dtype == b.dtype, (name, a.shape, b.shape)
        assert a.filters == b.filters, (name, a.filters, b.filters)
        for x, y in zip(a[:].ravel(), b[:].ravel()):
            assert same(x, y), (name, x, y)
        print('OK', name)


if __name__ == '__main__':
    {'make': make, 'check': check}[sys.argv[1]](sys.argv[2])
