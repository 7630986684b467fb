"""@@TITLE@@

Written by `sift python` (Sift @@SIFT_VERSION@@) from a Sift model file: the same recipe as a
scikit-learn Pipeline, the same algorithm with the same hyperparameters and seed, the same
kind of split, and the metrics Sift shows. It fits everything again on the rows you give it.

Run:
    python pipeline.py DATA.csv                     train on a split, print the test metrics
    python pipeline.py DATA.csv --cv 5              5-fold cross-validation: each metric's mean and std
    python pipeline.py DATA.csv --prepared OUT.csv  also write the prepared matrix (recipe fitted on all rows)

The last line printed is a JSON object like `sift train`'s.

Requires (the versions it was written for):
    pandas==3.1.1
    numpy
    scikit-learn==1.9.1
"""

import argparse
import json
import sys

import numpy as np
import pandas as pd
from sklearn import metrics
from sklearn.compose import ColumnTransformer
from sklearn.model_selection import (
    GroupKFold,
    GroupShuffleSplit,
    KFold,
    ShuffleSplit,
    StratifiedGroupKFold,
    StratifiedKFold,
    StratifiedShuffleSplit,
)
from sklearn.pipeline import Pipeline
@@IMPORTS@@

# What the model file recorded.
TASK = @@TASK@@
ALGORITHM = @@ALGORITHM@@
TARGET = @@TARGET@@
CLASSES = @@CLASSES@@
SEED = @@SEED@@
TEST_SHARE = @@TEST_SHARE@@
GROUP = @@GROUP@@

# The columns the model reads, with the types Sift gave them.
COLUMNS = {
@@COLUMNS@@
}

# Cells Sift reads as missing (after trimming spaces), and its words for true and false.
MISSING = {"", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"}
BOOLEANS = {"true": 1.0, "yes": 1.0, "y": 1.0, "t": 1.0, "false": 0.0, "no": 0.0, "n": 0.0, "f": 0.0}


def read_data(path):
    """The CSV as Sift reads it: each model column with its Sift type, missing cells as NaN."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    wanted = list(COLUMNS) + [c for c in (TARGET, GROUP) if c and c not in COLUMNS]
    absent = [c for c in wanted if c not in frame.columns]
    if absent:
        sys.exit(f"{path} has no column {', '.join(map(repr, absent))}, which the model reads")
    for name in wanted:
        text = frame[name]
        missing = text.str.strip().isin(MISSING)
        kind = COLUMNS.get(name, "number" if TASK == "regression" and name == TARGET else "category")
        if kind in ("number", "integer"):
            numbers = pd.to_numeric(text.str.strip().where(~missing), errors="coerce")
            bad = numbers.isna() & ~missing
            if bad.any():
                row = int(bad.to_numpy().argmax())
                sys.exit(f"{path}, line {row + 2}, column '{name}': '{text.iloc[row]}' is not a number")
            frame[name] = numbers.astype("float64")
        elif kind == "boolean":
            frame[name] = text.str.strip().str.lower().map(BOOLEANS).where(~missing).astype("float64")
        elif kind in ("date", "date_time"):
            # As Sift's model inputs read them: days (dates) or milliseconds (date-times) since
            # 1970-01-01 UTC. Only ISO 8601 text is read; anything else stops the script.
            try:
                moments = pd.to_datetime(text.str.strip().where(~missing), format="ISO8601", utc=True)
            except ValueError as e:
                sys.exit(f"{path}, column '{name}': {e}")
            unit = pd.Timedelta(days=1) if kind == "date" else pd.Timedelta(milliseconds=1)
            frame[name] = (moments - pd.Timestamp(0, tz="UTC")) / unit
        else:
            frame[name] = text.where(~missing, np.nan).astype(object)
    return frame


def on_columns(name, transformer, columns):
    """One recipe step: `transformer` fitted on `columns`; the other columns pass through."""
    return ColumnTransformer(
        [(name, transformer, columns)], remainder="passthrough", verbose_feature_names_out=False
    )
@@HELPERS@@

def make_recipe():
    """The recipe, step by step as Sift runs it (each step learns from the training rows only)."""
    return Pipeline(
        [
@@STEPS@@
        ]
    ).set_output(transform="pandas")


def make_model():
    """The algorithm with the model file's hyperparameters and seed."""
@@MODEL_NOTE@@    return @@MODEL@@


def make_pipeline():
    return Pipeline([("recipe", make_recipe()), ("model", make_model())])


def roc_auc(y, scores, labels):
    """Sift's ROC AUC: with two classes, the second class's; with more, the mean of the
    one-vs-rest AUCs of the classes that have rows of both kinds. None when none has."""
    scores = np.asarray(scores, dtype=float)
    if scores.ndim == 1:
        scores = np.column_stack([-scores, scores])
    columns = [1] if len(labels) == 2 else range(len(labels))
    aucs = []
    for c in columns:
        positive = np.asarray(y) == labels[c]
        if 0 < positive.sum() < len(positive):
            aucs.append(metrics.roc_auc_score(positive, scores[:, c]))
    return float(np.mean(aucs)) if aucs else None


def score(pipeline, x, y):
    """The metrics Sift shows for the rows `x` with answers `y`."""
    predicted = pipeline.predict(x)
    if TASK == "regression":
        return {
            "r2": metrics.r2_score(y, predicted),
            "mae": metrics.mean_absolute_error(y, predicted),
            "rmse": metrics.root_mean_squared_error(y, predicted),
        }
    result = {
        "accuracy": metrics.accuracy_score(y, predicted),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, predicted),
        "f1_macro": metrics.f1_score(y, predicted, average="macro"),
    }
    labels = pipeline.classes_
    if hasattr(pipeline, "predict_proba"):
        scores = pipeline.predict_proba(x)
        result["log_loss"] = metrics.log_loss(y, scores, labels=labels)
    else:
        scores = pipeline.decision_function(x)
    auc = roc_auc(y, scores, labels)
    if auc is not None:
        result["roc_auc"] = auc
    return result


def clusters(x):
    """Sift's clustering: every row clustered; the silhouette of the rows not marked noise."""
    pipeline = make_pipeline()
    found = pipeline.fit_predict(x)
    prepared = pipeline[:-1].transform(x)
    kept = found >= 0
    result = {}
    if 2 <= len(set(found[kept])) < kept.sum():
        result["silhouette"] = metrics.silhouette_score(prepared[kept], found[kept])
    return result


def split(x, y, groups):
    """Training and test rows as Sift splits them: TEST_SHARE of the rows held out, by class for
    classification, whole groups on one side with GROUP. (The same kind of split, not the same
    rows: Sift draws them with its own random generator.)"""
    if groups is not None:
        splitter = GroupShuffleSplit(n_splits=1, test_size=TEST_SHARE, random_state=SEED)
    elif TASK == "classification":
        splitter = StratifiedShuffleSplit(n_splits=1, test_size=TEST_SHARE, random_state=SEED)
    else:
        splitter = ShuffleSplit(n_splits=1, test_size=TEST_SHARE, random_state=SEED)
    return next(splitter.split(x, y, groups))


def folds(k, x, y, groups):
    """K folds as Sift makes them: stratified for classification, whole groups with GROUP."""
    classes = TASK == "classification"
    if groups is not None:
        splitter = (StratifiedGroupKFold if classes else GroupKFold)(n_splits=k, shuffle=True, random_state=SEED)
    else:
        splitter = (StratifiedKFold if classes else KFold)(n_splits=k, shuffle=True, random_state=SEED)
    return splitter.split(x, y, groups)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="the CSV to train on")
    parser.add_argument("--cv", type=int, metavar="K", help="cross-validate on K folds instead of one split")
    parser.add_argument("--prepared", metavar="OUT.csv", help="write the recipe's output, fitted on all rows")
    options = parser.parse_args()

    frame = read_data(options.data)
    if TASK != "clustering":
        frame = frame[frame[TARGET].notna()].reset_index(drop=True)
    x = frame[[c for c in COLUMNS if c != GROUP]]
    groups = frame[GROUP].to_numpy() if GROUP else None
    if TASK == "classification":
        labels = frame[TARGET]
        if set(CLASSES) == {"false", "true"}:
            # Sift read this target as yes/no: its words for true and false are these classes.
            labels = labels.str.strip().str.lower().map(BOOLEANS).map({1.0: "true", 0.0: "false"})
        # Classes numbered in the model file's order (labels it did not see come after).
        names = CLASSES + sorted(set(labels.dropna()) - set(CLASSES))
        y = pd.Categorical(labels, categories=names).codes
    else:
        y = frame[TARGET].to_numpy() if TASK == "regression" else None

    if options.prepared:
        make_recipe().fit(x, y).transform(x).to_csv(options.prepared, index=False, float_format="%.17g")

    if TASK == "clustering":
        if options.cv:
            sys.exit("cross-validation scores predictions of a target; clustering has none")
        result = clusters(x)
    elif options.cv:
        per_fold = []
        for i, (train, test) in enumerate(folds(options.cv, x, y, groups), start=1):
            pipeline = make_pipeline().fit(x.iloc[train], y[train])
            per_fold.append(score(pipeline, x.iloc[test], y[test]))
            print(f"fold {i} of {options.cv}: " + ", ".join(f"{k} {v:.4f}" for k, v in per_fold[-1].items()))
        shared = [k for k in per_fold[0] if all(k in f for f in per_fold)]
        result = {k: {"mean": float(np.mean([f[k] for f in per_fold])), "std": float(np.std([f[k] for f in per_fold]))} for k in shared}
    else:
        train, test = split(x, y, groups)
        pipeline = make_pipeline().fit(x.iloc[train], y[train])
        result = score(pipeline, x.iloc[test], y[test])
        print(f"trained on {len(train)} rows, tested on {len(test)}")

    for name, value in result.items():
        shown = f"{value['mean']:.4f} ± {value['std']:.4f}" if isinstance(value, dict) else f"{value:.4f}"
        print(f"{name}: {shown}")
    summary = {"algorithm": ALGORITHM, "metrics": result, "task": TASK}
    if GROUP:
        summary["group"] = GROUP
    print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
