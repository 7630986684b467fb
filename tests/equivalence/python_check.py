"""Runs the scripts `sift python` writes and compares them with Sift's own results.

1. Metrics. For every case of tests/equivalence/cases/models.json (the algorithms' train
   arguments on two or more data sets each; the SQL refusals there are SQL's, not ours) and the
   EXTRA cases below: `sift train DATA ARGS --cv 5 -o m.json`, `sift python m.json -o p.py`,
   `python p.py DATA --cv 5`. The script's cross-validated headline metric (accuracy for
   classification, R² for regression) must be within max(0.02, Sift's CV std) of Sift's. The
   folds are the same kind (stratified, shuffled, seeded), not the same rows. Clustering has no
   cross-validation in Sift: there the silhouette of one run on all rows is compared, within 0.02
   (k-means: 0.05, see CLUSTER_FLOOR).
2. The prepared matrix. For the recipes below (each model's recipe, automatic steps included,
   every step one scikit-learn does with the same maths): `python p.py DATA --prepared OUT`
   (the recipe fitted on all rows) must equal `sift clean DATA --recipe R --target T` column by
   column (booleans as 0/1, dates as days since 1970-01-01; scikit-learn names Sift's polynomial term `a*b` as `a b`), within
   1e-9 relative (1e-12 absolute near zero). Yeo-Johnson's λ is an optimum found to SciPy's
   Brent tolerance (1.48e-8 on λ), so its case is held to 1e-6 relative.

Prints the table of docs/python.md. Exit 1 on any failure.

Usage: .venv/bin/python tests/equivalence/python_check.py [--only SUBSTRING]
Environment: SIFT_BIN (default target/release/sift).
"""

import argparse
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIFT = os.environ.get("SIFT_BIN", os.path.join(ROOT, "target", "release", "sift"))
PYTHON = sys.executable
FOLDS = 5
METRIC_FLOOR = 0.02
RELATIVE = 1e-9
ABSOLUTE = 1e-12
# k-means stops at a local optimum that depends on its random starts: on penguins (k=4),
# scikit-learn's best of 10 starts finds a clustering with a higher silhouette than Sift's
# (docs/python.md has the numbers). Agglomerative clustering and DBSCAN are deterministic.
CLUSTER_FLOOR = {"kmeans": 0.05}

# Beyond models.json: mixed types, clustering on a second data set, and a split by groups (whole firms held
# out: few groups, so a wide spread over the folds).
EXTRA = [
    {"name": "logistic regression on mixed data (a yes/no target, a date, gaps)", "data": "tests/equivalence/data/mixed.csv", "train": ["--target", "churned", "--algorithm", "logistic_regression"]},
    {"name": "ridge on grunfeld, grouped by firm", "data": "public/samples/grunfeld.csv", "train": ["--target", "invest", "--algorithm", "ridge", "--group", "firm"]},
    {"name": "agglomerative clustering on wine", "data": "public/samples/wine.csv", "train": ["--algorithm", "agglomerative", "--param", "n_clusters=3"]},
    {"name": "DBSCAN on wine", "data": "public/samples/wine.csv", "train": ["--algorithm", "dbscan", "--param", "eps=2.5"]},
]

PREPARED = [
    {"name": "imputing, one-hot, scaling, log, polynomial terms and clipping on mixed data", "data": "tests/equivalence/data/mixed.csv", "target": "churned", "recipe": "tests/equivalence/recipes/python_prepared.json"},
    {"name": "renaming, copying, trimming, case, merging, ordinal codes, bins and PCA on mixed data", "data": "tests/equivalence/data/mixed.csv", "target": "churned", "recipe": "tests/equivalence/recipes/python_features.json"},
    {"name": "one-hot, frequencies, ordinal codes, log (of values below -1) and scaling over gaps, then imputing", "data": "tests/equivalence/data/mixed.csv", "target": "churned", "recipe": "tests/equivalence/recipes/python_gaps.json"},
    {"name": "Yeo-Johnson on mixed data", "data": "tests/equivalence/data/mixed.csv", "target": "churned", "recipe": "tests/equivalence/recipes/python_yeo_johnson.json", "relative": 1e-6},
    {"name": "automatic recipe on mixed data (a date imputed)", "data": "tests/equivalence/data/mixed.csv", "target": "churned"},
    {"name": "automatic recipe on penguins", "data": "public/samples/penguins.csv", "target": "species"},
    {"name": "automatic recipe on grunfeld", "data": "public/samples/grunfeld.csv", "target": "invest"},
]


def run(*args):
    done = subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} …: {(done.stderr or done.stdout).strip()[-800:]}")
    return done.stdout


def last_json(output):
    return json.loads(output.strip().splitlines()[-1])


def script_for(work, data, train):
    """Trains Sift (with --cv 5 when there is a target), writes the script; Sift's metrics."""
    model, script = os.path.join(work, "m.json"), os.path.join(work, "p.py")
    cv = [] if "--target" not in train else ["--cv", str(FOLDS)]
    sift = last_json(run(SIFT, "train", data, *train, *cv, "-o", model))
    run(SIFT, "python", model, "-o", script)
    return sift, script, model


def check_metrics(case, work):
    sift, script, _ = script_for(work, case["data"], case["train"])
    clustering = "--target" not in case["train"]
    python = last_json(run(PYTHON, script, case["data"], *([] if clustering else ["--cv", str(FOLDS)])))
    if (sift["task"], sift.get("group")) != (python["task"], python.get("group")):
        raise RuntimeError(f"task and group {python['task']}, {python.get('group')} against Sift's {sift['task']}, {sift.get('group')}")
    metric = {"classification": "accuracy", "regression": "r2", "clustering": "silhouette"}[sift["task"]]
    if clustering:
        ours, theirs, std = sift["metrics"].get(metric), python["metrics"].get(metric), 0.0
    else:
        ours, theirs, std = sift["metrics"][metric]["mean"], python["metrics"][metric]["mean"], sift["metrics"][metric]["std"]
    algorithm = case["train"][case["train"].index("--algorithm") + 1]
    tolerance = max(CLUSTER_FLOOR.get(algorithm, METRIC_FLOOR) if clustering else METRIC_FLOOR, std)
    gap = abs(ours - theirs) if ours is not None and theirs is not None else math.inf
    return metric, ours, std, theirs, gap, tolerance, gap <= tolerance


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return {name: [row[i] for row in rows[1:]] for i, name in enumerate(rows[0])}


def as_number(text):
    """A cell as the model reads it: booleans 1/0, dates days since 1970-01-01."""
    if text in ("", "nan", "NaN"):
        return math.nan
    if text in ("true", "false"):
        return 1.0 if text == "true" else 0.0
    try:
        return float(text)
    except ValueError:
        return float((datetime.date.fromisoformat(text) - datetime.date(1970, 1, 1)).days)


def close(a, b, relative):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= max(relative * max(abs(a), abs(b)), ABSOLUTE)


def check_prepared(case, work):
    train = ["--target", case["target"], "--algorithm", "decision_tree"]
    if case.get("recipe"):
        train += ["--recipe", case["recipe"]]
    _, script, model = script_for(work, case["data"], train)
    recipe = os.path.join(work, "recipe.json")
    with open(model, encoding="utf-8") as f:
        steps = json.load(f)["recipe"]["steps"]
    with open(recipe, "w", encoding="utf-8") as f:
        json.dump({"version": 2, "steps": steps}, f)
    sift_out, python_out = os.path.join(work, "sift.csv"), os.path.join(work, "python.csv")
    run(SIFT, "clean", case["data"], "--recipe", recipe, "--target", case["target"], "-o", sift_out)
    run(PYTHON, script, case["data"], "--prepared", python_out)
    ours = {k: v for k, v in read_csv(sift_out).items() if k != case["target"]}
    theirs = {(k if k in ours else k.replace(" ", "*")): v for k, v in read_csv(python_out).items()}
    if sorted(ours) != sorted(theirs):
        raise RuntimeError(f"columns differ: Sift {sorted(ours)}, script {sorted(theirs)}")
    worst = 0.0
    for name, column in ours.items():
        for row, (a, b) in enumerate(zip(column, theirs[name])):
            x, y = as_number(a), as_number(b)
            if not close(x, y, case.get("relative", RELATIVE)):
                raise RuntimeError(f"column '{name}', row {row + 1}: Sift {a}, script {b}")
            if not math.isnan(x) and abs(x - y) > ABSOLUTE:
                worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
        if len(column) != len(theirs[name]):
            raise RuntimeError(f"column '{name}': Sift has {len(column)} rows, the script {len(theirs[name])}")
    return len(ours), len(next(iter(ours.values()))), worst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    options = parser.parse_args()
    with open(os.path.join(ROOT, "tests/equivalence/cases/models.json"), encoding="utf-8") as f:
        cases = json.load(f) + EXTRA
    started, failures = time.time(), []
    print("| case | metric | Sift | script | gap | allowed | |")
    print("|---|---|---|---|---|---|---|")
    for case in cases:
        if options.only not in case["name"]:
            continue
        with tempfile.TemporaryDirectory() as work:
            try:
                metric, ours, std, theirs, gap, tolerance, ok = check_metrics(case, work)
                shown = f"{ours:.4f} ± {std:.4f}" if std else f"{ours:.4f}"
                print(f"| {case['name'].removesuffix(' refuses')} | {metric} | {shown} | {theirs:.4f} | {gap:.4f} | {tolerance:.4f} | {'ok' if ok else 'FAIL'} |", flush=True)
                if not ok:
                    failures.append(case["name"])
            except (RuntimeError, ValueError, KeyError, TypeError) as e:
                print(f"| {case['name']} | | | | | | FAIL: {e} |", flush=True)
                failures.append(case["name"])
    print()
    print("| prepared matrix | columns | rows | largest relative difference (beyond 1e-12) | |")
    print("|---|---|---|---|---|")
    for case in PREPARED:
        if options.only not in case["name"]:
            continue
        with tempfile.TemporaryDirectory() as work:
            try:
                columns, rows, worst = check_prepared(case, work)
                print(f"| {case['name']} | {columns} | {rows} | {worst:.1e} | ok |", flush=True)
            except (RuntimeError, ValueError, KeyError) as e:
                print(f"| {case['name']} | | | | FAIL: {e} |", flush=True)
                failures.append(case["name"])
    print(f"\n{time.time() - started:.0f} s")
    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
