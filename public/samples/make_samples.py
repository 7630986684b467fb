"""Writes the bundled sample datasets (except penguins.csv) from the files that the
scikit-learn and statsmodels wheels ship, using only the standard library.

    pip download scikit-learn==1.9.1 statsmodels==0.15.0 --no-deps --only-binary=:all: -d /tmp/wheels
    python3 public/samples/make_samples.py /tmp/wheels

Every value is copied as the package stores it; only column names are spelled out, class
codes become their names, and dates become ISO dates. See README.md for sources and licences.
"""

import csv
import gzip
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

IRIS = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
WINE = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
    "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
    "od280_od315", "proline",
]
# The first ten of breast_cancer.csv's thirty features: the mean of each measurement.
CANCER = [
    "radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
    "concave_points", "symmetry", "fractal_dimension",
]
# sklearn's names s1..s6, spelled out as in its DESCR.
DIABETES = ["age", "sex", "bmi", "blood_pressure", "tc", "ldl", "hdl", "tch", "ltg", "glucose"]


def wheel(folder, prefix):
    """The wheel in `folder` whose file name starts with `prefix`, opened."""
    found = sorted(Path(folder).glob(f"{prefix}-*.whl"))
    if not found:
        sys.exit(f"no {prefix} wheel in {folder}: see this script's doc comment")
    return zipfile.ZipFile(found[-1])


def text(zf, member):
    data = zf.read(member)
    if member.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def write(name, header, rows):
    with open(HERE / name, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)
    print(f"{name}: {len(rows)} rows, {(HERE / name).stat().st_size} bytes")


def sklearn_labelled(zf, member, features, target, keep=None):
    """sklearn's "n_samples,n_features,class names…" CSVs: features, then a class code."""
    lines = list(csv.reader(io.StringIO(text(zf, member))))
    names = lines[0][2:]
    rows = []
    for line in lines[1:]:
        values = line[:-1][: keep or len(line) - 1]
        rows.append(values + [names[int(line[-1])]])
    write(f"{target[0]}.csv", features + [target[1]], rows)


def diabetes(zf):
    data = text(zf, "sklearn/datasets/data/diabetes_data_raw.csv.gz").split("\n")
    target = text(zf, "sklearn/datasets/data/diabetes_target.csv.gz").split("\n")
    rows = []
    for x, y in zip(data, target):
        if x.strip():
            rows.append(x.split() + [str(int(float(y)))])
    write("diabetes.csv", DIABETES + ["progression"], rows)


def co2(zf):
    lines = list(csv.reader(io.StringIO(text(zf, "statsmodels/datasets/co2/co2.csv"))))
    rows = [[f"{d[:4]}-{d[4:6]}-{d[6:8]}", v] for d, v in lines[1:]]
    write("co2.csv", ["date", "co2_ppm"], rows)


def grunfeld(zf):
    lines = list(csv.reader(io.StringIO(text(zf, "statsmodels/datasets/grunfeld/grunfeld.csv"))))
    header, rows = lines[0], lines[1:]
    order = ["firm", "year", "value", "capital", "invest"]
    index = [header.index(c) for c in order]
    write("grunfeld.csv", order, [[r[i] for i in index] for r in rows])


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    sk = wheel(folder, "scikit_learn")
    sklearn_labelled(sk, "sklearn/datasets/data/iris.csv", IRIS, ("iris", "species"))
    sklearn_labelled(sk, "sklearn/datasets/data/wine_data.csv", WINE, ("wine", "cultivar"))
    sklearn_labelled(sk, "sklearn/datasets/data/breast_cancer.csv", CANCER, ("breast_cancer", "diagnosis"), keep=10)
    diabetes(sk)
    sm = wheel(folder, "statsmodels")
    co2(sm)
    grunfeld(sm)


if __name__ == "__main__":
    main()
