# Sift: build, serve and test.
#
#   make serve        install what is missing, serve the app on http://127.0.0.1:8080
#   make test         install what is missing, run every test (native, then end to end)
#   make dist         install what is missing, build the static site into dist/
#   make single       build dist/, then dist-single/sift.html: the app in one HTML file
#   make screenshot   build, then write docs/screenshot.png (used by the README)
#   make lint         rustfmt --check and clippy -D warnings (native and wasm32); part of make test
#   make equivalence  run `sift sql`'s statements on DuckDB and Spark against sift predict/clean,
#                     and `sift python`'s scripts against sift train/clean
#
# scripts/setup.sh installs the tools idempotently (a second run takes a second).
# Trunk always runs with --offline: it uses the installed wasm-bindgen and wasm-opt and never
# downloads anything. `cargo fetch` runs first so the offline cargo build has every crate,
# including the wasm32-only ones that native builds never fetch.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
# wasm-opt from npm binaryen (Debian's binaryen 108 is broken) comes first.
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# Flags for `make serve`: a release build by default (the ML runs much faster);
# `make serve SERVE_FLAGS=` gives a quick debug build.
SERVE_FLAGS ?= --release

SIFT_BIN := target/release/sift
E2E_TESTS := tests/e2e/*.test.mjs

.PHONY: help setup fetch serve dist single cli test test-native lint e2e equivalence screenshot clean

help:
	@sed -n '3,10p' Makefile | sed 's/^# *//'

setup:
	./scripts/setup.sh

# Download every crate in Cargo.lock for all targets (a no-op when they are cached).
fetch: setup
	cargo fetch

serve: fetch
	trunk serve --offline $(SERVE_FLAGS)

dist: fetch
	trunk build --release --offline

# One HTML file with everything inlined, that runs from file:// (docs/hosting.md).
single: dist
	node scripts/single.mjs --dist $(CURDIR)/dist --out $(CURDIR)/dist-single/sift.html

cli: setup
	cargo build --release --bin sift

test-native: setup
	cargo test

test: lint test-native single cli
	$(MAKE) --no-print-directory equivalence
	$(MAKE) --no-print-directory e2e

# `sift sql` against the real engines (tests/equivalence/sql_check.py; docs/sql.md) and the
# scripts `sift python` writes against sift train and sift clean (python_check.py;
# docs/python.md), in the project-local Python environment .venv (scripts/python-env.sh, also
# run by setup).
equivalence: cli
	./scripts/python-env.sh
	SIFT_BIN=$(CURDIR)/$(SIFT_BIN) .venv/bin/python tests/equivalence/sql_check.py
	SIFT_BIN=$(CURDIR)/$(SIFT_BIN) .venv/bin/python tests/equivalence/onnx_check.py
	SIFT_BIN=$(CURDIR)/$(SIFT_BIN) .venv/bin/python tests/equivalence/onnx_recipe_check.py
	SIFT_BIN=$(CURDIR)/$(SIFT_BIN) .venv/bin/python tests/equivalence/python_check.py

# Formatting (rustfmt.toml) and lints with warnings as errors, natively and for the page's wasm32.
lint: fetch
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings

# The end-to-end test alone; expects dist/, dist-single/ and target/release/sift to be built.
e2e:
	SIFT_DIST=$(CURDIR)/dist SIFT_SINGLE=$(CURDIR)/dist-single/sift.html SIFT_BIN=$(CURDIR)/$(SIFT_BIN) node --test $(E2E_TESTS)

screenshot: dist
	node scripts/screenshot.mjs --dist $(CURDIR)/dist --out $(CURDIR)/docs/screenshot.png

clean:
	rm -rf dist dist-single
	cargo clean

# Speed and memory benchmark (issue 3, docs/benchmarks.md): Sift beside DuckDB-wasm, PapaParse
# and pandas on a generated ~100 MB CSV. Expects dist/ to be built (`make dist bench`).
# `make bench BENCH_1GB=1` also opens a generated 1 GB file in Sift (deleted afterwards).
.PHONY: bench
bench: setup
	./bench/setup.sh
	node bench/run.mjs $(if $(BENCH_1GB),--with-1gb)

# Recipe speed in the browser (issue 4, docs/benchmarks.md): a 10-step recipe applied to the
# generated 1,000,000-row file, and a step's preview on its first 100,000 rows, timed around
# Sift's worker in headless Chromium. Expects dist/ to be built (`make dist bench-recipe`).
.PHONY: bench-recipe
bench-recipe: setup
	node bench/recipe.mjs

# Training speed in the browser (issue 5, docs/models.md "Speed"): logistic regression and a
# 100-tree random forest fitted on 100,000 rows in Sift in headless Chromium, against native
# scikit-learn with one thread (python3 with scikit-learn), and the longest main-thread task
# while training. Expects dist/ to be built (`make dist bench-learn`).
.PHONY: bench-learn
bench-learn: setup
	node bench/learn.mjs
