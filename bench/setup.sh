#!/usr/bin/env bash
# Install the benchmark's dependencies, skipping what is already there (a second run takes a
# second): the in-browser peers (npm ci: @duckdb/duckdb-wasm, papaparse) and pandas for the
# native reference (a virtualenv in bench/.venv, pinned in requirements.txt). Without pandas
# the benchmark still runs and reports it as not run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

if [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "ok bench npm packages"
else
  echo "installing bench npm packages (npm ci in bench/)"
  npm ci --loglevel=error </dev/null
fi

if .venv/bin/python -c 'import sys, pandas; sys.exit(pandas.__version__ != sys.argv[1])' \
  "$(sed -n 's/^pandas==//p' requirements.txt)" 2>/dev/null; then
  echo "ok pandas ($(.venv/bin/python -c 'import pandas; print(pandas.__version__)'))"
else
  echo "installing pandas into bench/.venv (pip)"
  { python3 -m venv .venv && .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt; } \
    || echo "warning: pandas could not be installed; the benchmark will report it as not run" >&2
fi
