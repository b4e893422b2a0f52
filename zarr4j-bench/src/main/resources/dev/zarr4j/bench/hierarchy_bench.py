"""zarr-python's side of HierarchyBench: open the hierarchy at argv[1] and list every array's shape
and dtype, plainly and from consolidated metadata, argv[2] times each after argv[3] warm-up runs; print the times (ms) and the
store operations of the last run as JSON."""
import json
import sys
import time

import zarr


class Counting(zarr.DirectoryStore):
    def __init__(self, path):
        super().__init__(path)
        self.reads = self.checks = self.listings = 0

    def __getitem__(self, key):
        self.reads += 1
        return super().__getitem__(key)

    def __contains__(self, key):
        self.checks += 1
        return super().__contains__(key)

    def listdir(self, path=None):
        self.listings += 1
        return super().listdir(path)


def listing(root):
    out = []
    root.visitvalues(lambda n: out.append((n.path, n.shape, str(n.dtype))) if isinstance(n, zarr.Array) else None)
    return out


def run(path, consolidated):
    store = Counting(path)
    t0 = time.perf_counter()
    root = zarr.open_consolidated(store, mode="r") if consolidated else zarr.open_group(store, mode="r")
    members = listing(root)
    ms = (time.perf_counter() - t0) * 1000
    return ms, len(members), {"reads": store.reads, "checks": store.checks, "listings": store.listings}


def main():
    path, reps, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    out = {}
    for name, consolidated in (("plain", False), ("consolidated", True)):
        for _ in range(warmup):
            run(path, consolidated)
        times = []
        for _ in range(reps):
            ms, n, counts = run(path, consolidated)
            times.append(ms)
        out[name] = {"times": times, "arrays": n, "counts": counts}
    print(json.dumps(out))


main()
