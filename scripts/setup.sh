#!/usr/bin/env bash
# Install whatever Sift's build and tests need, skipping what is already present at the
# right version. Safe to run again and again: a second run takes a few seconds.
# Works as root without a TTY (CI); as another user it uses `sudo -n` for apt.
#
# Tools (versions pinned here and in scripts/tools/package.json, tests/e2e/package.json):
#   rust target wasm32-unknown-unknown       rustup
#   trunk 0.21.14                            cargo install --locked
#   wasm-bindgen-cli 0.2.130                 cargo install (must equal the wasm-bindgen crate)
#   wasm-opt (binaryen 123, npm)             .tools/node_modules/.bin  (Debian's binaryen 108 is broken)
#   chromium, chromium-driver                apt
#   firefox-esr                              apt
#   node >= 18 and npm                       apt, only if missing (the test needs node:test)
#   playwright-core, axe-core (e2e deps)     npm ci in tests/e2e, never downloads a browser
#   onnxruntime-web (e2e dep)                the same npm ci; its wasm files come from node_modules
#   .venv: duckdb, pyspark, pandas           scripts/python-env.sh (SQL equivalence tests; Java 17)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130"
BINARYEN_MAJOR="123"
TOOLS_DIR="$ROOT/.tools"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$TOOLS_DIR/node_modules/.bin:$CARGO_BIN:$PATH"
export DEBIAN_FRONTEND=noninteractive
# playwright-core never downloads browsers, but make sure nothing else tries either.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

say() { printf '%s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# Print the output of a version command, or nothing if the tool is missing or broken.
version_of() { "$@" 2>/dev/null </dev/null || true; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    die "need root (or passwordless sudo) to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root apt-get install -y -qq "$@" </dev/null
}

deb_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# --- Rust --------------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust first (https://rustup.rs)"

if command -v rustup >/dev/null 2>&1; then
  if rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
    say "ok rust target wasm32-unknown-unknown"
  else
    say "installing rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
else
  # Without rustup we cannot add targets; a distro rust may still ship the wasm32 std.
  sysroot="$(rustc --print sysroot)"
  [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ] \
    || die "rustup not found and the wasm32-unknown-unknown std is missing"
  say "ok rust target wasm32-unknown-unknown (no rustup)"
fi

# rustfmt and clippy: `make lint` (part of `make test`) checks formatting and lints.
for pair in rustfmt:fmt clippy:clippy; do
  component="${pair%%:*}" subcommand="${pair##*:}"
  if cargo "$subcommand" --version >/dev/null 2>&1; then
    say "ok $component"
  elif command -v rustup >/dev/null 2>&1; then
    say "installing $component (rustup component)"
    rustup component add "$component"
  else
    die "$component is missing: install it with your Rust toolchain"
  fi
done

# --- trunk -------------------------------------------------------------------------------
if [ "$(version_of trunk --version)" = "trunk $TRUNK_VERSION" ]; then
  say "ok trunk $TRUNK_VERSION"
else
  say "installing trunk $TRUNK_VERSION (cargo install, takes about 7 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- wasm-bindgen-cli --------------------------------------------------------------------
# Must match the `wasm-bindgen = "=0.2.130"` pin in Cargo.toml, or Trunk wants to download one.
if [ "$(version_of wasm-bindgen --version)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "ok wasm-bindgen-cli $WASM_BINDGEN_VERSION"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, takes about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# --- node and npm ------------------------------------------------------------------------
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null </dev/null || echo 0; }
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  say "ok node $(node --version)"
else
  say "installing node and npm (apt)"
  apt_install nodejs npm
fi
[ "$(node_major)" -ge 18 ] || die "node $(node --version) is too old: the tests need node >= 18"

# --- wasm-opt (npm binaryen, project-local) ---------------------------------------------
# `wasm-opt --version` prints "wasm-opt version 123 (version_123)"; Trunk.toml pins version_123.
wasm_opt_version="$(version_of "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version)"
if [[ "$wasm_opt_version" == "wasm-opt version $BINARYEN_MAJOR "* ]] \
  && cmp -s scripts/tools/package-lock.json "$TOOLS_DIR/package-lock.json"; then
  say "ok wasm-opt $BINARYEN_MAJOR ($TOOLS_DIR/node_modules/.bin/wasm-opt)"
else
  say "installing wasm-opt $BINARYEN_MAJOR (npm binaryen into $TOOLS_DIR)"
  mkdir -p "$TOOLS_DIR"
  cp scripts/tools/package.json scripts/tools/package-lock.json "$TOOLS_DIR/"
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
  wasm_opt_version="$(version_of "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version)"
  [[ "$wasm_opt_version" == "wasm-opt version $BINARYEN_MAJOR "* ]] \
    || die "wasm-opt from npm binaryen did not run (got: '$wasm_opt_version')"
fi

# --- chromium and chromedriver (apt) ------------------------------------------------------
if deb_installed chromium && deb_installed chromium-driver && [ -x /usr/bin/chromium ]; then
  say "ok chromium ($(dpkg-query -W -f='${Version}' chromium))"
else
  say "installing chromium chromium-driver (apt)"
  apt_install chromium chromium-driver
fi

# --- firefox-esr (apt): the one-file build is also opened from disk in stock Firefox --------
if deb_installed firefox-esr && [ -x /usr/bin/firefox-esr ]; then
  say "ok firefox-esr ($(dpkg-query -W -f='${Version}' firefox-esr))"
else
  say "installing firefox-esr (apt)"
  apt_install firefox-esr
fi

# --- e2e test dependencies (npm ci in tests/e2e) -----------------------------------------
# npm ci leaves node_modules/.package-lock.json; if it equals the lock file, nothing changed.
E2E="$ROOT/tests/e2e"
pw_want="$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' \
  "$E2E/package-lock.json" </dev/null)"
pw_have="$(node -p 'require(process.argv[1]).version' \
  "$E2E/node_modules/playwright-core/package.json" 2>/dev/null </dev/null || true)"
if [ "$pw_have" = "$pw_want" ] \
  && [ "$E2E/node_modules/.package-lock.json" -nt "$E2E/package-lock.json" ]; then
  say "ok playwright-core $pw_want (tests/e2e)"
else
  say "installing e2e test dependencies (npm ci in tests/e2e, playwright-core $pw_want)"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi

# --- Python environment for the SQL equivalence tests (.venv) -----------------------------
"$ROOT/scripts/python-env.sh"
