"""Count Sift's quality alerts on real public CSV files, by kind (run by hand, not in CI).

The files are the datasets statsmodels ships inside its wheel (no other download is needed);
their licences are named in each dataset's `COPYRIGHT` (statsmodels/datasets/*/data.py). They
are not committed to the repository.

    python3 -m venv ~/.cache/sift/venv-alerts
    ~/.cache/sift/venv-alerts/bin/pip install statsmodels
    cargo build --bin sift && cp target/debug/sift /tmp/sift-new
    python3 scripts/alert_survey.py --sift /tmp/sift-new --python ~/.cache/sift/venv-alerts/bin/python

To compare with an earlier version, build it the same way (say to /tmp/sift-old) and pass
both: `--sift /tmp/sift-old --sift /tmp/sift-new`. Prints a Markdown table per binary: files,
number columns, the share of number columns with an outlier alert, and the count of each
alert kind. Only the Python standard library is used here; the venv only locates the files.
"""

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path


def data_files(python):
    """The CSV files statsmodels bundles, found through the given Python."""
    out = subprocess.run(
        [python, "-c", "import statsmodels.datasets as d, os; print(os.path.dirname(d.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    )
    return sorted(Path(out.stdout.strip()).glob("*/*.csv"))


def survey(sift, files):
    kinds = collections.Counter()
    number_columns = 0
    outlier_columns = 0
    read = 0
    for path in files:
        result = subprocess.run([sift, "profile", str(path), "--json"], capture_output=True, text=True)
        if result.returncode != 0:
            print(f"  skipped {path.parent.name}/{path.name}: {result.stderr.strip()[:120]}", file=sys.stderr)
            continue
        report = json.loads(result.stdout)
        read += 1
        numeric = {c["name"] for c in report["columns"] if c["type"] in ("number", "integer")}
        number_columns += len(numeric)
        flagged = {a["columns"][0] for a in report["alerts"] if a["kind"] == "outliers" and a["columns"]}
        outlier_columns += len(flagged & numeric)
        kinds.update(a["kind"] for a in report["alerts"])
    return read, number_columns, outlier_columns, kinds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sift", action="append", required=True, help="a sift binary (repeat to compare)")
    parser.add_argument("--python", default=sys.executable, help="a Python with statsmodels installed")
    args = parser.parse_args()
    files = data_files(args.python)
    results = [(s, survey(s, files)) for s in args.sift]
    all_kinds = sorted(set().union(*(r[3] for _, r in results)))
    print("| | " + " | ".join(Path(s).name for s, _ in results) + " |")
    print("|---|" + "---|" * len(results))
    print("| files read | " + " | ".join(str(r[0]) for _, r in results) + " |")
    print("| number columns | " + " | ".join(str(r[1]) for _, r in results) + " |")
    print(
        "| number columns with an outlier alert | "
        + " | ".join(f"{r[2]} ({100 * r[2] / max(r[1], 1):.0f} %)" for _, r in results)
        + " |"
    )
    for kind in all_kinds:
        print(f"| `{kind}` | " + " | ".join(str(r[3][kind]) for _, r in results) + " |")


if __name__ == "__main__":
    main()
