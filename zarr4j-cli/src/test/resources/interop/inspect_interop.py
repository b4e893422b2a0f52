"""zarr-python's side of InspectInteropIT.

make DIR   writes a hierarchy to DIR/h.zarr (DirectoryStore) and DIR/h.n5 (N5Store) and what
           zarr-python itself prints for it (tree, info) to DIR/expect.json
check DIR  prints, as JSON, the attributes zarr-python reads at the paths listed in DIR/paths.json
"""
import json
import sys
import warnings

import numpy as np
import zarr


def build(store):
    g = zarr.group(store=store, overwrite=True)
    g.attrs['title'] = 'made by zarr-python'
    foo = g.create_group('foo')
    bar = foo.create_dataset('bar', shape=(100, 50), chunks=(10, 10), dtype='f8',
                             compressor=zarr.Blosc(cname='zstd', clevel=3))
    bar[:] = np.arange(5000, dtype='f8').reshape(100, 50)
    bar.attrs['units'] = 'm/s'
    g.create_group('baz').create_group('qux').create_dataset(
        'deep', shape=(7,), chunks=(3,), dtype='u2', compressor=zarr.GZip(level=1))
    x = g.create_dataset('x', shape=(10,), chunks=(4,), dtype='i8')
    x[:5] = np.arange(5)
    g.create_dataset('s', shape=(3, 4, 5), chunks=(2, 2, 2), dtype='i1', fill_value=0)
    return g


CAT = [('foo/bar', ''), ('foo/bar', '0:3, 0:4'), ('foo/bar', '5, ::7'),
       ('foo/bar', '[1, 3], [2, 4]'), ('foo/bar', '-1, ...'), ('x', ''), ('x', '7'), ('s', ':, 1'),
       ('baz/qux/deep', '')]


def make(d):
    expect = {}
    for name, store in (('h.zarr', zarr.DirectoryStore(d + '/h.zarr')),
                        ('h.n5', zarr.N5Store(d + '/h.n5'))):
        g = build(store)
        e = {
            'tree': str(g.tree()),
            'tree_level_1': str(g.tree(level=1)),
            'tree_baz': str(g['baz'].tree()),
            'info': {},
            'attrs': {},
            'cat': [],
        }
        for path, sel in CAT:
            node = g[path]
            value = node[:] if sel == '' else eval('node[' + sel + ']')
            e['cat'].append([path, sel, str(value)])
        for path in ('', 'foo', 'foo/bar', 'baz/qux/deep', 'x', 's'):
            node = g if path == '' else g[path]
            e['info'][path] = repr(node.info)
            e['attrs'][path] = dict(node.attrs)
        expect[name] = e
    with open(d + '/expect.json', 'w') as f:
        json.dump(expect, f)


def check(d):
    with open(d + '/paths.json') as f:
        paths = json.load(f)
    out = {}
    for name, plist in paths.items():
        store = zarr.N5Store(d + '/' + name) if name.endswith('.n5') else zarr.DirectoryStore(
            d + '/' + name)
        g = zarr.open_group(store, mode='r')
        out[name] = {p: dict((g if p == '' else g[p]).attrs) for p in plist}
        # the data is still what zarr-python wrote
        assert (g['foo/bar'][:] == np.arange(5000, dtype='f8').reshape(100, 50)).all(), name
    print(json.dumps(out))


if __name__ == '__main__':
    warnings.simplefilter('ignore')  # N5Store warns that blosc is not in every N5 library
    {'make': make, 'check': check}[sys.argv[1]](sys.argv[2])
