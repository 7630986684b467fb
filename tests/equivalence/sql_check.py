"""Runs Sift's SQL on the real engines and compares it with Sift's own output.

For every case in tests/equivalence/cases/*.json (each file a JSON list of cases):

  {"name": ..., "data": CSV, "train": [sift train args...], "recipe": optional RECIPE}
      sift train DATA ARGS [--recipe R] -o m.json; sift predict m.json DATA -o p.csv;
      sift sql m.json --dialect D, run on table `input` read from DATA by the engine's reader.
  {"name": ..., "data": CSV, "clean": RECIPE, "target": optional COL}
      sift clean DATA --recipe R [--target COL] -o c.csv vs sift sql --recipe R --fit DATA.

A case may say "expect_refusal": TEXT (both dialects) or {"duckdb": TEXT, "spark": TEXT}:
then `sift sql` must fail with a message containing TEXT. Any other refusal fails the run.

Both dialects must give the same column names and order, the same rows in the same order,
identical labels, numbers equal within 1e-9 relative (1e-12 absolute near zero, where a
difference of rounding in a sum of opposite terms is not relative to anything), and NULL
exactly where Sift writes an empty cell. One Spark session (local[1]) serves the whole run.

Usage: .venv/bin/python tests/equivalence/sql_check.py [--only SUBSTRING] [--dialect duckdb|spark]
Environment: SIFT_BIN (default target/release/sift).
"""

import argparse
import csv
import datetime
import decimal
import glob
import math
import os
import sys
import tempfile
import time

from harness import ROOT, Refused, close, labelled_cases, sift, summary


def read_expected(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [[cell if cell != "" else None for cell in row] for row in rows[1:]]


def neutralised(text):
    """A label as Sift's CSV writer writes it (a leading =, +, -, @, tab or CR gets a ')."""
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def as_cell(value):
    """An engine's value as comparable text or number (None for NULL)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralised(str(value))


# Sift's missing-value tokens and boolean words (src/engine/ingest/cells.rs, base/cells/booleans.rs).
MISSING = {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"}
BOOLEANS = {"true": "true", "yes": "true", "y": "true", "t": "true",
            "false": "false", "no": "false", "n": "false", "f": "false"}


def as_sift_reads(text, expected):
    """An input column's text, echoed as the engine read it, as Sift reads the same cell: a
    missing-value token (after trimming) missing, and where Sift read a boolean, a boolean word
    `true`/`false`. Only the columns
    the statement passes through from its input are compared this way: every column Sift
    computes (the recipe's, `prediction`, the probabilities) is compared as it is."""
    if text is None:
        return None
    trimmed = text.strip()
    if trimmed in MISSING:
        return None
    if expected in ("true", "false"):
        return BOOLEANS.get(trimmed.lower(), text)
    return text


def same(expected, actual):
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(actual, float):
        try:
            wanted = float(expected)
        except ValueError:
            return False
        if math.isnan(actual) or math.isinf(actual):
            return False
        return close(wanted, actual)
    return expected == actual


def compare(header, rows, names, result, echoed=0):
    """The first difference as a sentence, or None; the first `echoed` columns are the input's,
    passed through as the engine read them."""
    if names != header:
        return f"columns differ:\n    sift: {header}\n    sql:  {names}"
    if len(result) != len(rows):
        return f"row count differs: sift {len(rows)}, sql {len(result)}"
    for i, (want, got) in enumerate(zip(rows, result)):
        for j, name in enumerate(header):
            actual = as_cell(got[j])
            if j < echoed and isinstance(actual, str):
                actual = as_sift_reads(actual, want[j])
            if not same(want[j], actual):
                return f"row {i + 1}, column '{name}': sift {want[j]!r}, sql {got[j]!r}"
    return None


class Engines:
    """DuckDB, and one Spark session for the whole run (started on first use)."""

    def __init__(self):
        import duckdb

        self.duck = duckdb.connect()
        self.spark = None

    def run(self, dialect, data, statement):
        path = os.path.join(ROOT, data)
        if dialect == "duckdb":
            self.duck.execute("CREATE OR REPLACE TABLE input AS SELECT * FROM read_csv(?)", [path])
            cursor = self.duck.execute(statement)
            return [d[0] for d in cursor.description], cursor.fetchall()
        if self.spark is None:
            self.spark = start_spark()
        self.spark.read.csv(path, header=True, inferSchema=True).createOrReplaceTempView("input")
        frame = self.spark.sql(statement)
        return frame.columns, [list(row) for row in frame.collect()]


def start_spark():
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[1]")
        .appName("sift-sql-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        # A 20-tree extra-trees statement (half a megabyte) outgrows the default 1 GB heap.
        .config("spark.driver.memory", "4g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def outputs(case, work):
    """Sift's own CSV for the case, and the arguments that make its SQL."""
    data = case["data"]
    if "clean" in case:
        target = ["--target", case["target"]] if case.get("target") else []
        seed = ["--seed", str(case["seed"])] if "seed" in case else []
        out = os.path.join(work, "clean.csv")
        sift("clean", data, "--recipe", case["clean"], *target, *seed, "-o", out)
        return out, ["sql", "--recipe", case["clean"], "--fit", data, *target, *seed]
    model = os.path.join(work, "model.json")
    recipe = ["--recipe", case["recipe"]] if case.get("recipe") else []
    sift("train", data, *case["train"], *recipe, "-o", model)
    out = os.path.join(work, "predictions.csv")
    sift("predict", model, data, "-o", out)
    return out, ["sql", model]


def check(case, dialect, engines, expected, sql_args):
    """None when the engine matches Sift, else what differs."""
    refusal = case.get("expect_refusal")
    if isinstance(refusal, dict):
        refusal = refusal.get(dialect)
    try:
        statement = sift(*sql_args, "--dialect", dialect)
    except Refused as refused:
        if refusal and refusal in str(refused):
            return None
        return f"sift sql refused: {refused}"
    if refusal:
        return f"sift sql was expected to refuse ({refusal!r}) but wrote a statement"
    header, rows = expected
    try:
        names, result = engines.run(dialect, case["data"], statement)
    except Exception as error:  # the engine's own message is the useful part
        first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return f"the engine failed: {first}"
    # A model's statement passes every input column through before its own columns.
    echoed = 0 if "clean" in case else len([n for n in header if n != "prediction" and not n.startswith("probability_")])
    return compare(header, rows, names, result, echoed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--dialect", choices=["duckdb", "spark"])
    options = parser.parse_args()
    dialects = [options.dialect] if options.dialect else ["duckdb", "spark"]
    started = time.time()
    engines = Engines()
    failures, passed = [], 0
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "equivalence", "cases", "*.json")))
    for label, case in labelled_cases(files, options.only):
        with tempfile.TemporaryDirectory() as work:
            try:
                out, sql_args = outputs(case, work)
                expected = read_expected(out)
            except Refused as refused:
                failures.append(f"{label}: sift failed before SQL: {refused}")
                continue
            for dialect in dialects:
                problem = check(case, dialect, engines, expected, sql_args)
                if problem:
                    failures.append(f"{label} [{dialect}]: {problem}")
                else:
                    passed += 1
    code = summary("sql", failures, passed, started)
    if engines.spark is not None:
        engines.spark.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
