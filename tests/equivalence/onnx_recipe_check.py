"""Runs the fitted recipe as ONNX (`sift onnx --recipe R --fit DATA`) in onnxruntime and
compares it with `sift clean DATA --recipe R --fit DATA`: the recipe fitted on DATA and applied
to it, which is what prediction does (docs/onnx.md, "Recipe steps").

Each case of tests/equivalence/onnx_recipe_cases.json is
  {"name", "data": CSV, "recipe": RECIPE, "target": optional COL, "onnx_refusal": optional TEXT,
   "date_times": optional [COL], "apply": optional CSV, "absolute": optional number}.
With "onnx_refusal", `sift onnx` must fail with a message containing TEXT. Otherwise the file
must pass onnx.checker (full_check), and each output `cleaned/<column>` must equal the cleaned
CSV's column: text exactly (the empty string is missing), numbers within 1e-9 relative (1e-12
absolute near zero, unless the case sets "absolute", e.g. 0 to compare tiny values
relatively too), booleans as 0/1, dates as days and date-times as milliseconds since
1970 ("date_times" names the date-time outputs, since Sift's CSV writes a date-time at
midnight as a date). With "apply", the recipe fitted on DATA is applied to that other file (new rows: unseen
categories, values beyond the training range, divisions by zero) by both. The inputs are the CSV
as Sift parsed it (sift_inputs.onnx_feeds), typed as `sift
profile` types it.

Usage: .venv/bin/python tests/equivalence/onnx_recipe_check.py [--only SUBSTRING]
Environment: SIFT_BIN (default target/release/sift).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import onnx
import onnxruntime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sift_inputs import as_double, onnx_feeds, read_table, unneutralised  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIFT = os.environ.get("SIFT_BIN", os.path.join(ROOT, "target", "release", "sift"))
CASES = os.path.join(ROOT, "tests", "equivalence", "onnx_recipe_cases.json")
CLEANED = "cleaned/"
RELATIVE = 1e-9
ABSOLUTE = 1e-12


def sift(*args):
    """Runs sift; returns (ok, stderr)."""
    done = subprocess.run([SIFT, *args], cwd=ROOT, capture_output=True, text=True)
    return done.returncode == 0, done.stderr.strip()


def schema_of(data):
    """The columns of `data` with the types Sift gives them."""
    out = subprocess.run([SIFT, "profile", data, "--json"], cwd=ROOT, capture_output=True, check=True, text=True)
    # sift_inputs spells the date-time type "datetime", as the model file does.
    return [{"name": c["name"], "type": c["type"].replace("date_time", "datetime")} for c in json.loads(out.stdout)["columns"]]


def cell_as_double(cell, date_time=False):
    """A cell of the cleaned CSV as the double the graph holds: booleans 0/1, ISO dates as days
    and date-times as milliseconds since 1970, the empty cell NaN."""
    if cell in ("true", "false"):
        return as_double(cell, "boolean")
    try:
        return float(cell) if cell != "" else math.nan
    except ValueError:
        if "T" in cell:
            return as_double(cell, "datetime")
        days = as_double(cell, "date")
        return days * 86_400_000 if date_time else days


def same_number(want, got, absolute):
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    return abs(want - got) <= max(RELATIVE * max(abs(want), abs(got)), absolute)


def compare(header, rows, outputs, date_times, absolute):
    """(the first difference as a sentence or None, the number of cells compared, the largest
    relative difference between equal numbers)."""
    names = [n[len(CLEANED):] for n in outputs]
    if names != header:
        return f"columns differ:\n    sift clean: {header}\n    onnx:       {names}", 0, 0.0
    cells, largest = 0, 0.0
    for j, name in enumerate(header):
        got = outputs[CLEANED + name].reshape(-1)
        if len(got) != len(rows):
            return f"'{name}': {len(got)} rows from onnx, {len(rows)} from sift clean", cells, largest
        for i, row in enumerate(rows):
            cell = row[j]
            cells += 1
            if got.dtype == object:
                if unneutralised(cell) != got[i]:
                    return f"row {i + 1}, column '{name}': sift {cell!r}, onnx {got[i]!r}", cells, largest
                continue
            want = cell_as_double(cell, name in date_times)
            if not same_number(want, float(got[i]), absolute):
                return f"row {i + 1}, column '{name}': sift {cell!r}, onnx {got[i]!r}", cells, largest
            if want != got[i] and not math.isnan(want):
                largest = max(largest, abs(want - got[i]) / max(abs(want), abs(got[i])))
    return None, cells, largest


def run_case(case, work):
    data, recipe = case["data"], case["recipe"]
    target = ["--target", case["target"]] if case.get("target") else []
    model = os.path.join(work, "recipe.onnx")
    ok, err = sift("onnx", "--recipe", recipe, "--fit", data, *target, "-o", model)
    refusal = case.get("onnx_refusal")
    if refusal is not None:
        if ok:
            return f"expected a refusal containing {refusal!r}, but sift onnx wrote the file"
        if refusal not in err:
            return f"refused, but not as expected:\n    wanted: {refusal}\n    got:    {err}"
        return None
    if not ok:
        return f"sift onnx refused: {err}"
    onnx.checker.check_model(onnx.load(model), full_check=True)
    cleaned = os.path.join(work, "cleaned.csv")
    rows_in = case.get("apply", data)
    ok, err = sift("clean", rows_in, "--recipe", recipe, "--fit", data, *target, "-o", cleaned)
    if not ok:
        return f"sift clean failed: {err}"
    session = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"])
    feeds = onnx_feeds(SIFT, rows_in, schema_of(data), ROOT)
    wanted = {i.name for i in session.get_inputs()}
    names = [o.name for o in session.get_outputs()]
    outputs = dict(zip(names, session.run(names, {k: v for k, v in feeds.items() if k in wanted})))
    header, rows = read_table(SIFT, cleaned, ROOT)
    date_times = set(case.get("date_times", []))
    difference, cells, largest = compare(header, rows, outputs, date_times, case.get("absolute", ABSOLUTE))
    case["cells"], case["largest"] = cells, largest
    return difference


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    with open(CASES, encoding="utf-8") as f:
        cases = [c for c in json.load(f) if args.only in c["name"]]
    failures = 0
    for case in cases:
        with tempfile.TemporaryDirectory() as work:
            try:
                difference = run_case(case, work)
            except Exception as error:  # a checker or runtime error is a failure of the case
                difference = f"{type(error).__name__}: {error}"
        if difference:
            failures += 1
            print(f"FAIL {case['name']}: {difference}")
        elif "onnx_refusal" in case:
            print(f"ok   {case['name']} (refuses: {case['onnx_refusal']})")
        else:
            print(f"ok   {case['name']} ({case['cells']} cells equal, largest relative difference {case['largest']:.1e})")
    print(f"{len(cases) - failures} of {len(cases)} ONNX recipe cases pass")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
