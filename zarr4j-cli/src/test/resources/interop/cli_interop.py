"""Reference side of the zarr4j CLI interop tests (zarr-python 2.13, numpy 1.24).

Usage: cli_interop.py MODE CASES.json DIR
  make_npy    write DIR/<id>.npy for each import case (seeded data, C or Fortran order)
  check_zarr  open DIR/<id>.zarr (path 'arr' where the case says so) with zarr-python and
              compare data type, shape, chunks, compressor, filters, order, separator, fill
              value and every element with the .npy file converted to the array's data type
  make_zarr   write DIR/<id>.zarr with zarr-python for each export case (partly written)
  check_npy   load DIR/<id>-<n>.npy for each selection n of each export case and compare
              with zarr-python's z[selection]
Prints one line per case, 'OK <id>' or 'FAIL <id>: <why>', and exits 1 if any failed.
"""
import json
import math
import os
import sys

import numpy as np
import zarr


def dtype_of(spec):
    if isinstance(spec, list):
        return np.dtype([tuple(f[:2]) + ((tuple(f[2]),) if len(f) > 2 else ()) for f in spec])
    return np.dtype(spec)


def random_array(dt, shape, seed):
    """Seeded data: random bytes, with per-kind fix-ups so values are meaningful."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape)) if len(shape) else 1
    if dt.kind == 'b':
        a = rng.integers(0, 2, n).astype(dt)
    elif dt.kind in 'iu':
        info = np.iinfo(dt)
        a = rng.integers(info.min, info.max, n, dtype=np.int64 if dt.kind == 'i' else np.uint64,
                         endpoint=True).astype(dt)
    elif dt.kind == 'f':
        a = (rng.standard_normal(n) * 1000).astype(dt)
        if n > 2:
            a[1] = np.nan
            a[2] = -np.inf
    elif dt.kind == 'c':
        a = (rng.standard_normal(n) + 1j * rng.standard_normal(n)).astype(dt)
    elif dt.kind in 'Mm':
        a = rng.integers(-10**9, 10**9, n).astype(dt.str[:1] + 'i8').view(dt)
        if n > 1:
            a[1] = np.datetime64('NaT') if dt.kind == 'M' else np.timedelta64('NaT')
    elif dt.kind == 'U':
        alphabet = ['a', 'b', 'Z', '\u00e9', '\u4e2d', '\U0001d11e', ' ', '0']
        a = np.array([''.join(rng.choice(alphabet, rng.integers(0, dt.itemsize // 4 + 1)))
                      for _ in range(n)], dtype=dt)
    elif dt.kind == 'S':
        a = np.array([bytes(rng.integers(1, 127, rng.integers(0, dt.itemsize + 1)).astype(np.uint8))
                      for _ in range(n)], dtype=dt)
    else:  # records and raw bytes: any bits
        a = np.frombuffer(rng.integers(0, 256, n * dt.itemsize).astype(np.uint8).tobytes(), dtype=dt).copy()
    return a.reshape(shape)


def same(a, b):
    """Same dtype, shape and bytes (NaN-safe, NaT-safe, record-safe)."""
    return (a.dtype == b.dtype and a.shape == b.shape
            and np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes())


def same_fill(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    try:
        eq = a == b
        if isinstance(eq, np.ndarray):
            return bool(eq.all())
        if bool(eq):
            return True
    except Exception:
        pass
    return np.asarray(a).tobytes() == np.asarray(b).tobytes()


def make_npy(cases, d):
    for c in cases:
        dt = dtype_of(c['npy_dtype'])
        a = random_array(dt, tuple(c['shape']), c['seed'])
        if c.get('fortran'):
            a = np.asfortranarray(a)
        np.save(os.path.join(d, c['id'] + '.npy'), a)
        print('OK', c['id'])


def check_zarr(cases, d):
    failed = False
    for c in cases:
        try:
            problems = []
            root = os.path.join(d, c['id'] + '.zarr')
            path = c.get('path') or ''
            z = zarr.open_array(root, mode='r', path=path)
            with open(os.path.join(root, path, '.zarray')) as f:
                meta = json.load(f)
            exp = c['expect']
            if z.dtype != dtype_of(exp['dtype']):
                problems.append('dtype %s != %s' % (z.dtype, dtype_of(exp['dtype'])))
            if list(z.shape) != c['shape']:
                problems.append('shape %s' % (z.shape,))
            if exp['chunks'] == 'auto':
                from zarr.util import guess_chunks
                exp['chunks'] = list(guess_chunks(tuple(c['shape']), z.dtype.itemsize))
            if list(z.chunks) != exp['chunks']:
                problems.append('chunks %s != %s' % (z.chunks, exp['chunks']))
            comp = z.compressor.get_config() if z.compressor is not None else None
            if comp != exp['compressor']:
                problems.append('compressor %s != %s' % (comp, exp['compressor']))
            filters = [f.get_config() for f in (z.filters or [])]
            if filters != exp['filters']:
                problems.append('filters %s != %s' % (filters, exp['filters']))
            if z.order != exp['order']:
                problems.append('order %s' % z.order)
            if meta.get('dimension_separator', '.') != exp['separator']:
                problems.append('separator %s' % meta.get('dimension_separator'))
            if 'fill_json' in exp and meta['fill_value'] != exp['fill_json']:
                problems.append('fill_value JSON %r != %r' % (meta['fill_value'], exp['fill_json']))
            if 'fill' in exp:
                want = exp['fill']
                if isinstance(want, str) and z.dtype.kind in 'SV':
                    want = want.encode('latin-1')
                if want == 'NaN':
                    want = float('nan')
                if not same_fill(z.fill_value, want):
                    problems.append('fill value %r != %r' % (z.fill_value, want))
            src = np.load(os.path.join(d, c['id'] + '.npy'))
            want = src.astype(z.dtype)
            got = z[...]
            if not same(got, want):
                problems.append('data differ: got %r want %r' % (got.ravel()[:4], want.ravel()[:4]))
            if problems:
                failed = True
                print('FAIL', c['id'] + ':', '; '.join(problems))
            else:
                print('OK', c['id'])
        except Exception as e:  # report and go on with the other cases
            failed = True
            print('FAIL', c['id'] + ':', type(e).__name__, e)
    return failed


def make_zarr(cases, d):
    for c in cases:
        dt = dtype_of(c['dtype'])
        kwargs = dict(shape=tuple(c['shape']), chunks=tuple(c['chunks']), dtype=dt,
                      order=c.get('order', 'C'), fill_value=c.get('fill', 0))
        if c.get('compressor', 'default') != 'default':
            kwargs['compressor'] = (None if c['compressor'] is None
                                    else __import__('numcodecs').get_codec(c['compressor']))
        if c.get('separator'):
            kwargs['dimension_separator'] = c['separator']
        if dt.kind in 'SV' and isinstance(kwargs['fill_value'], str):
            kwargs['fill_value'] = kwargs['fill_value'].encode('latin-1')
        z = zarr.open_array(os.path.join(d, c['id'] + '.zarr'), mode='w', **kwargs)
        a = random_array(dt, tuple(c['shape']), c['seed'])
        region = c.get('write')
        if region is None:
            z[...] = a
        else:  # leave the rest unwritten: it reads as the fill value
            sel = eval('np.s_[' + region + ']')
            z[sel] = a[sel]
        print('OK', c['id'])


def check_npy(cases, d):
    failed = False
    for c in cases:
        z = zarr.open_array(os.path.join(d, c['id'] + '.zarr'), mode='r')
        for n, sel in enumerate(c['selections']):
            name = '%s-%d' % (c['id'], n)
            try:
                got = np.load(os.path.join(d, name + '.npy'))
                want = np.asarray(z[eval('np.s_[' + sel + ']')] if sel else z[...])
                if not same(got, want):
                    failed = True
                    print('FAIL', name + ':', 'selection [%s] got %s %s %r want %s %s %r' % (
                        sel, got.dtype, got.shape, got.ravel()[:4], want.dtype, want.shape,
                        want.ravel()[:4]))
                elif got.flags.f_contiguous and not got.flags.c_contiguous:
                    failed = True
                    print('FAIL', name + ': not C order')
                else:
                    print('OK', name)
            except Exception as e:
                failed = True
                print('FAIL', name + ':', type(e).__name__, e)
    return failed


def main():
    mode, cases_file, d = sys.argv[1:4]
    with open(cases_file) as f:
        cases = json.load(f)
    failed = {'make_npy': make_npy, 'check_zarr': check_zarr, 'make_zarr': make_zarr,
              'check_npy': check_npy}[mode](cases, d)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
