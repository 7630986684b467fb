"""Runs Sift's ONNX model files in onnxruntime and compares them with `sift predict`.

For every case with "train" of tests/equivalence/cases/models.json (the SQL check's models)
and tests/equivalence/onnx_cases.json (ties, one-vs-one machines, many trees; docs/onnx.md):

    sift train DATA ARGS [--recipe R] -o m.json; sift predict m.json DATA -o p.csv;
    sift onnx m.json -o m.onnx; onnx.checker.check_model(full_check=True);
    onnxruntime on the CSV read as Sift reads it (sift_inputs.onnx_feeds).

The graph's `label` must equal p.csv's `prediction` on every row: class names exactly,
clusters exactly, numbers within 1e-9 relative (1e-12 absolute near zero); `probabilities`
must equal the probability_<class> columns within the same bounds. A row sift predict refuses
(an empty prediction cell) must be refused by the graph (the empty label, NaN or -1), and no
other row. A case may say "onnx_refusal": TEXT: then `sift onnx` must fail with a message
containing TEXT. (The cases' "expect_refusal" is about SQL and is ignored here.)

Every differing row is reported; the run fails on any. The issue's floor is labels equal on
at least 99.9 % of rows; this check asks for all of them.

Usage: .venv/bin/python tests/equivalence/onnx_check.py [--only SUBSTRING] [--cases FILE...]
Environment: SIFT_BIN (default target/release/sift).
"""

import argparse
import csv
import json
import math
import os
import sys
import tempfile
import time

import onnx
import onnxruntime as ort

from harness import ABSOLUTE, ROOT, SIFT, Refused, close, labelled_cases, sift, summary
from sift_inputs import onnx_feeds, unneutralised

SHOWN = 5
# The models of the SQL cases, and cases for ONNX alone (ties, one-vs-one, many trees).
CASES = [
    os.path.join(ROOT, "tests", "equivalence", "cases", "models.json"),
    os.path.join(ROOT, "tests", "equivalence", "onnx_cases.json"),
]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


class Agreement:
    """What one case measured: rows, rows whose label differs, the largest relative difference
    of a number or probability, and the first differences as sentences."""

    def __init__(self, rows):
        self.rows = rows
        self.differing = set()
        self.largest = 0.0
        self.problems = []

    def differ(self, row, text):
        self.differing.add(row)
        if len(self.problems) < SHOWN:
            self.problems.append(f"row {row + 1}: {text}")

    def number(self, row, what, wanted, got):
        if math.isfinite(got):
            self.largest = max(self.largest, abs(wanted - got) / max(abs(wanted), abs(got), ABSOLUTE))
        if not (math.isfinite(got) and close(wanted, got)):
            self.differ(row, f"{what}: sift {wanted!r}, onnx {got!r}")


def refused_cell(value):
    """Whether the graph refused this row's label (empty string, NaN or cluster -1)."""
    if isinstance(value, str):
        return value == ""
    if isinstance(value, float):
        return math.isnan(value)
    return value == -1


def compare(model, header, rows, label, probabilities):
    at = header.index("prediction")
    classes = model.get("classes") or []
    p_columns = [header.index(f"probability_{c}") if f"probability_{c}" in header else None for c in classes]
    wants_probabilities = any(i is not None for i in p_columns)
    result = Agreement(len(rows))
    if len(label) != len(rows):
        result.differ(0, f"the graph gave {len(label)} labels for {len(rows)} rows")
        return result
    if wants_probabilities != (probabilities is not None):
        result.differ(0, f"sift predict {'writes' if wants_probabilities else 'writes no'} probabilities, the graph "
                         f"{'gives' if probabilities is not None else 'gives none'}")
        return result
    task = model["task"]
    for i, row in enumerate(rows):
        cell, got = row[at], label[i]
        got = got.decode() if isinstance(got, bytes) else got
        if cell == "" or refused_cell(got):
            if not (cell == "" and refused_cell(got)):
                result.differ(i, f"sift predict gives {cell!r}, onnx {got!r}")
            continue
        if task == "regression":
            result.number(i, "prediction", float(cell), float(got))
        elif task == "clustering":
            if int(cell) != int(got):
                result.differ(i, f"cluster: sift {cell}, onnx {got}")
        elif unneutralised(cell) != got:
            result.differ(i, f"label: sift {unneutralised(cell)!r}, onnx {got!r}")
        for c, column in enumerate(p_columns):
            if column is not None and probabilities is not None:
                result.number(i, f"probability_{classes[c]}", float(row[column]), float(probabilities[i, c]))
    return result


def run_case(case, work):
    """None when the case passes, else what differs; and the measured agreement (or None)."""
    data = case["data"]
    model_path, predictions, onnx_path = (os.path.join(work, n) for n in ("m.json", "p.csv", "m.onnx"))
    recipe = ["--recipe", case["recipe"]] if case.get("recipe") else []
    sift("train", data, *case["train"], *recipe, "-o", model_path)
    sift("predict", model_path, data, "-o", predictions)
    refusal = case.get("onnx_refusal")
    try:
        sift("onnx", model_path, "-o", onnx_path)
    except Refused as refused:
        if refusal and refusal in str(refused):
            return None, None
        return f"sift onnx refused: {refused}", None
    if refusal:
        return f"sift onnx was expected to refuse ({refusal!r}) but wrote a file", None
    onnx.checker.check_model(onnx.load(onnx_path), full_check=True)
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    outputs = [o.name for o in session.get_outputs()]
    feeds = onnx_feeds(SIFT, data, model["schema"], ROOT)
    values = session.run(outputs, feeds)
    found = dict(zip(outputs, values))
    header, rows = read_csv(predictions)
    result = compare(model, header, rows, found["label"], found.get("probabilities"))
    if result.differing:
        share = 100.0 * (result.rows - len(result.differing)) / result.rows
        return (f"{len(result.differing)} of {result.rows} rows differ ({share:.2f} % equal):\n      "
                + "\n      ".join(result.problems)), result
    return None, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--cases", nargs="*", default=CASES)
    options = parser.parse_args()
    started = time.time()
    failures, passed = [], 0
    for label, case in labelled_cases(options.cases, options.only):
        if "train" not in case:
            continue
        with tempfile.TemporaryDirectory() as work:
            try:
                problem, result = run_case(case, work)
            except Refused as refused:
                problem, result = f"sift failed before ONNX: {refused}", None
        measured = ("refuses as expected" if result is None and problem is None else
                    "" if result is None else
                    f"{result.rows - len(result.differing)}/{result.rows} rows equal, "
                    f"largest relative difference {result.largest:.1e}")
        print(f"{'FAIL' if problem else 'ok  '} {label}: {measured}", flush=True)
        if problem:
            failures.append(f"{label}: {problem}")
        else:
            passed += 1
    return summary("onnx", failures, passed, started)


if __name__ == "__main__":
    sys.exit(main())
