#!/usr/bin/env bash
# Make the project-local Python environment .venv/ for the equivalence tests
# (tests/equivalence/requirements.txt: DuckDB, PySpark, pandas, onnx, onnxruntime, scikit-learn), idempotently: when the
# requirements file equals the copy stamped in .venv/ after the last good install, nothing runs
# (a second run takes well under a second). PySpark needs Java 17, installed from Debian if missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REQUIREMENTS="tests/equivalence/requirements.txt"
VENV=".venv"
STAMP="$VENV/requirements.stamp"

say() { printf '%s\n' "$*"; }

if ! command -v java >/dev/null 2>&1; then
  say "installing openjdk-17-jre-headless (apt, for PySpark)"
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq openjdk-17-jre-headless </dev/null
fi

if [ -x "$VENV/bin/python" ] && cmp -s "$REQUIREMENTS" "$STAMP"; then
  say "ok python environment $VENV ($REQUIREMENTS)"
  exit 0
fi

say "installing the python environment $VENV from $REQUIREMENTS (pip; a fresh install takes about a minute)"
rm -f "$STAMP"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS" </dev/null
cp "$REQUIREMENTS" "$STAMP"
say "ok python environment $VENV"
