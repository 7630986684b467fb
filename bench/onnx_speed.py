"""onnxruntime against `sift predict` on the 1,000,000-row benchmark file (docs/onnx.md).

Trains one model on the file's first rows with `sift train` (not timed against anything),
writes it as ONNX with `sift onnx`, then times on the whole file:

- `sift predict MODEL.json DATA -o predictions.csv` (wall clock: parse, recipe, model, CSV out);
- onnxruntime: pandas reads the CSV and builds the graph's inputs as Sift reads the cells
  (numbers and dates as doubles, booleans 0/1, categories as strings, missing as NaN or ""),
  then `session.run` — timed with and without the CSV parse.

Finally it checks that every onnxruntime label equals sift predict's.

Usage:
  node bench/generate.mjs            # bench/data/bench-100mb.csv, once
  .venv/bin/python bench/onnx_speed.py [--sift target/release/sift] [--train-rows 100000]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnxruntime as ort
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT_TYPES = ("category", "text")


def feeds_from_pandas(frame, schema):
    """The graph's inputs from a pandas frame, each column as Sift reads it ([N, 1])."""
    feeds = {}
    for column in schema:
        values = frame[column["name"]]
        kind = column["type"]
        if kind in TEXT_TYPES:
            array = values.fillna("").astype(str).to_numpy(dtype=object)
        elif kind == "boolean":
            array = values.map({True: 1.0, False: 0.0, "true": 1.0, "false": 0.0}).astype(np.float64).to_numpy()
        elif kind == "date":
            days = pd.to_datetime(values, format="%Y-%m-%d") - pd.Timestamp("1970-01-01")
            array = (days.dt.days.astype(np.float64)).to_numpy()
        else:
            array = values.astype(np.float64).to_numpy()
        feeds[column["name"]] = array.reshape(-1, 1)
    return feeds


def timed(what, action):
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    print(f"{what}: {seconds:.2f} s", flush=True)
    return result, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sift", default=os.path.join(ROOT, "target", "release", "sift"))
    parser.add_argument("--data", default=os.path.join(ROOT, "bench", "data", "bench-100mb.csv"))
    parser.add_argument("--train-rows", type=int, default=100_000)
    parser.add_argument(
        "--train",
        default="--target color --algorithm random_forest --param n_estimators=100 --param max_depth=10",
        help="sift train's arguments after the file",
    )
    options = parser.parse_args()
    if not os.path.exists(options.data):
        sys.exit(f"{options.data} is missing: run node bench/generate.mjs first")
    sift = lambda *args: subprocess.run([options.sift, *args], cwd=ROOT, check=True, capture_output=True, text=True)
    with tempfile.TemporaryDirectory() as work:
        train_csv, model, onnx_file, predictions = (
            os.path.join(work, n) for n in ("train.csv", "model.json", "model.onnx", "predictions.csv")
        )
        with open(options.data, encoding="utf-8") as source, open(train_csv, "w", encoding="utf-8") as out:
            for i, line in enumerate(source):
                if i > options.train_rows:
                    break
                out.write(line)
        timed(f"sift train on the first {options.train_rows} rows ({options.train})",
              lambda: sift("train", train_csv, *options.train.split(), "-o", model))
        sift("onnx", model, "-o", onnx_file)
        with open(model, encoding="utf-8") as f:
            stored = json.load(f)
        print(f"model JSON {os.path.getsize(model):,} B, .onnx {os.path.getsize(onnx_file):,} B; "
              f"features after the recipe: {len(stored['features'])}")

        _, sift_seconds = timed("sift predict (parse, recipe, model, CSV out)",
                                lambda: sift("predict", model, options.data, "-o", predictions))

        session, _ = timed("onnxruntime session", lambda: ort.InferenceSession(onnx_file, providers=["CPUExecutionProvider"]))
        text = [c["name"] for c in stored["schema"] if c["type"] in TEXT_TYPES]
        read = lambda: pd.read_csv(options.data, dtype={name: str for name in text}, keep_default_na=False,
                                   na_values={c["name"]: [""] for c in stored["schema"] if c["type"] not in TEXT_TYPES})
        frame, parse_seconds = timed("pandas read_csv", read)
        feeds, feed_seconds = timed("inputs from the frame", lambda: feeds_from_pandas(frame, stored["schema"]))
        outputs, run_seconds = timed("onnxruntime run", lambda: session.run(["label"], feeds))
        rows = len(frame)
        total = parse_seconds + feed_seconds + run_seconds
        print(f"\n{rows:,} rows: sift predict {sift_seconds:.2f} s ({rows / sift_seconds:,.0f} rows/s); "
              f"onnxruntime with the CSV parse {total:.2f} s ({rows / total:,.0f} rows/s), "
              f"without it {run_seconds:.2f} s ({rows / run_seconds:,.0f} rows/s)")

        expected = pd.read_csv(predictions, usecols=["prediction"], dtype=str, keep_default_na=False)["prediction"]
        labels = outputs[0].astype(str)
        equal = int((expected.to_numpy() == labels).sum())
        print(f"labels equal to sift predict's: {equal:,} of {rows:,}")
        return 0 if equal == rows else 1


if __name__ == "__main__":
    sys.exit(main())
