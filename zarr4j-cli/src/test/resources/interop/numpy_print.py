"""NumPy's side of NumpyPrintIT: DIR/cases.json lists .npy files (and whether to print them
whole); prints a JSON list of [str, repr] of np.load(file) under NumPy's default print options."""
import json
import sys

import numpy as np

d = sys.argv[1]
with open(d + '/cases.json') as f:
    cases = json.load(f)
out = []
for c in cases:
    a = np.load(d + '/' + c['file'])
    if c['full']:
        with np.printoptions(threshold=sys.maxsize):
            out.append([str(a), repr(a)])
    else:
        out.append([str(a), repr(a)])
print(json.dumps(out))
