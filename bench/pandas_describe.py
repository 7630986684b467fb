"""Native reference for the benchmark: pandas read_csv + describe(include='all') on one file.

Prints one JSON line: seconds (read + describe, after the imports), rows, columns, peak RSS.
Usage: python pandas_describe.py FILE
"""
import json
import resource
import sys
import time

import pandas as pd

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1])
frame.describe(include="all")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
print(json.dumps({"seconds": seconds, "rows": len(frame), "columns": frame.shape[1],
                  "peak": peak, "version": pd.__version__}))
