"""A CSV file as the inputs of one of Sift's ONNX graphs (docs/onnx.md), read exactly as Sift
reads it: `sift clean DATA` with no recipe writes the table Sift parsed (its types decided,
missing-value tokens made empty, booleans as true/false, dates as ISO text), and each column
becomes a [N, 1] tensor of the graph's type.

Shared by onnx_check.py (models) and onnx_recipe_check.py (recipes).
"""

import csv
import datetime
import math
import os
import subprocess
import tempfile

import numpy as np

EPOCH = datetime.date(1970, 1, 1)
TEXT_TYPES = ("category", "text")


def unneutralised(text):
    """A label as it was before Sift's CSV writer put a ' before a leading =, +, -, @, tab or CR."""
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text[1:])
        except ValueError:
            return text[1:]
    return text


def as_double(cell, column_type):
    """One cell of Sift's cleaned CSV as the double the graph reads (NaN when missing)."""
    if cell == "":
        return math.nan
    if column_type == "boolean":
        return {"true": 1.0, "false": 0.0}[cell]
    if column_type == "date":
        return float((datetime.date.fromisoformat(cell) - EPOCH).days)
    if column_type == "datetime":
        day, _, time = cell.partition("T")
        days = (datetime.date.fromisoformat(day) - EPOCH).days
        h, m, s = time.split(":")
        seconds, _, milli = s.partition(".")
        return float(days * 86_400_000 + int(h) * 3_600_000 + int(m) * 60_000 + int(seconds) * 1000 + int(milli or 0))
    return float(cell)


def read_table(sift_bin, data, cwd):
    """The header and rows of `data` as Sift parsed it (sift clean, no recipe)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "parsed.csv")
        subprocess.run([sift_bin, "clean", data, "-o", out], cwd=cwd, check=True, capture_output=True)
        with open(out, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    return rows[0], rows[1:]


def onnx_feeds(sift_bin, data, schema, cwd):
    """The graph's inputs for `data`: one [N, 1] array per column of `schema` (the model file's
    "schema": [{"name", "type"}]), double or object (str) as the column's type says."""
    header, rows = read_table(sift_bin, data, cwd)
    feeds = {}
    for column in schema:
        at = header.index(column["name"])
        cells = [row[at] for row in rows]
        if column["type"] in TEXT_TYPES:
            values = np.array([unneutralised(c) for c in cells], dtype=object)
        else:
            values = np.array([as_double(c, column["type"]) for c in cells], dtype=np.float64)
        feeds[column["name"]] = values.reshape(-1, 1)
    return feeds
