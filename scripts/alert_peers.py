"""Sift's quality alerts beside ydata-profiling's and skrub's on the same real files (run by
hand, not in CI; the table goes in docs/alerts.md).

The files are the CSVs statsmodels ships in its wheel (see scripts/alert_survey.py). Each tool
names problems its own way, so alerts are compared by concept, column by column:

    python3 -m venv ~/.cache/sift/venv-alerts
    ~/.cache/sift/venv-alerts/bin/pip install statsmodels ydata-profiling skrub
    cargo build --bin sift
    ~/.cache/sift/venv-alerts/bin/python scripts/alert_peers.py --sift target/debug/sift

For each concept: how many columns (pairs, for relations) each tool flags, and how many Sift
shares with ydata-profiling. skrub's TableReport has no alert list: constant columns, missing
values, high cardinality and its top associations (Cramér's V ≥ 0.8) stand in for one.
"""

import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import time
import warnings

warnings.filterwarnings("ignore")

SIFT = {
    "constant": "constant", "near_constant": "constant", "empty": "constant",
    "identifier": "unique / identifier",
    "high_missing": "missing", "some_missing": "missing",
    "skewed": "skewed",
    "outliers": "outliers / heavy tail", "heavy_tail": "outliers / heavy tail",
    "high_correlation": "related pair", "monotone_relation": "related pair", "strong_association": "related pair",
    "duplicate_rows": "duplicates", "hidden_duplicates": "duplicates",
    "zero_placeholder": "zeros", "high_cardinality": "high cardinality",
    "placeholder": "dirty values", "whitespace": "dirty values", "mixed_types": "dirty values",
    "inconsistent_spelling": "dirty values",
    "missing_for_a_reason": "missing for a reason", "repeated_key": "repeated key",
}
YDATA = {
    "CONSTANT": "constant", "EMPTY": "constant", "UNIQUE": "unique / identifier", "MISSING": "missing",
    "SKEWED": "skewed", "HIGH_CORRELATION": "related pair", "DUPLICATES": "duplicates", "ZEROS": "zeros",
    "HIGH_CARDINALITY": "high cardinality", "DIRTY_CATEGORY": "dirty values", "IMBALANCE": "imbalance",
    "UNIFORM": "uniform", "NON_STATIONARY": "time series", "SEASONAL": "time series",
}


def flags_sift(sift, path):
    out = subprocess.run([sift, "profile", path, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    found = set()
    for a in json.loads(out.stdout)["alerts"]:
        concept = SIFT.get(a["kind"], a["kind"])
        if concept == "related pair":
            # A summary of the pairs past the first 25 names columns, not pairs: left out.
            if len(a["columns"]) == 2:
                found.add((concept, tuple(sorted(a["columns"]))))
        else:
            found.update((concept, c) for c in (a["columns"] or ["*"]))
    return found


def flags_ydata(df):
    from ydata_profiling import ProfileReport

    report = ProfileReport(df, progress_bar=False, interactions=None, missing_diagrams=None, samples=None)
    found = set()
    for a in report.get_description().alerts:
        concept = YDATA.get(a.alert_type.name, a.alert_type.name.lower())
        if concept == "related pair":
            for other in (a.values or {}).get("fields", []) or []:
                if other != a.column_name:
                    found.add((concept, tuple(sorted([a.column_name, other]))))
        else:
            found.add((concept, a.column_name or "*"))
    return found


def flags_skrub(df):
    import skrub

    summary = skrub.TableReport(df)._summary
    found = set()
    for c in summary["columns"]:
        if c.get("value_is_constant"):
            found.add(("constant", c["name"]))
        if c.get("null_proportion", 0) > 0:
            found.add(("missing", c["name"]))
        if c.get("is_high_cardinality"):
            found.add(("high cardinality", c["name"]))
    for a in summary.get("top_associations", []) or []:
        if a.get("cramer_v", 0) >= 0.8:
            found.add(("related pair", tuple(sorted([a["left_column_name"], a["right_column_name"]]))))
    return found


def main():
    import pandas as pd
    import statsmodels.datasets as datasets

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sift", required=True)
    args = parser.parse_args()
    files = sorted(glob.glob(os.path.join(os.path.dirname(datasets.__file__), "*", "*.csv")))
    totals = {tool: collections.Counter() for tool in ("sift", "ydata", "skrub")}
    shared = collections.Counter()
    seconds = collections.Counter()
    used = 0
    for path in files:
        try:
            df = pd.read_csv(path, sep=None, engine="python")
        except Exception as e:  # a file pandas cannot read is left out for all tools
            print(f"skipped {os.path.basename(path)}: {e}", file=sys.stderr)
            continue
        t = time.perf_counter()
        s = flags_sift(args.sift, path)
        seconds["sift"] += time.perf_counter() - t
        if s is None:
            continue
        t = time.perf_counter()
        y = flags_ydata(df)
        seconds["ydata"] += time.perf_counter() - t
        t = time.perf_counter()
        k = flags_skrub(df)
        seconds["skrub"] += time.perf_counter() - t
        used += 1
        for tool, found in (("sift", s), ("ydata", y), ("skrub", k)):
            totals[tool].update(concept for concept, _ in found)
        shared.update(concept for concept, _ in s & y)
    concepts = sorted(set().union(*totals.values()))
    print(f"{used} files; seconds: " + ", ".join(f"{t} {seconds[t]:.1f}" for t in ("sift", "ydata", "skrub")))
    print("| concept | Sift | ydata-profiling | shared by Sift and ydata | skrub |")
    print("|---|---|---|---|---|")
    for c in concepts:
        print(f"| {c} | {totals['sift'][c]} | {totals['ydata'][c]} | {shared[c]} | {totals['skrub'][c]} |")


if __name__ == "__main__":
    main()
