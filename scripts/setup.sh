#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine, pinned; quick when already done.
#   scripts/setup.sh          Python packages (.venv) and the npm `pyodide` package: enough to build
#   scripts/setup.sh --test   also the test tools and Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=false
[[ "${1:-}" == "--test" ]] && with_tests=true

step() { printf '\n==> %s\n' "$*" >&2; }

requirements=requirements.txt
$with_tests && requirements=requirements-test.txt

if [[ ! -x .venv/bin/python ]]; then
  step "Creating the Python environment in .venv"
  python3 -m venv .venv
fi

# Reinstall only when the pins or the project's metadata changed since the last install.
stamp=.venv/.installed-$(cat requirements*.txt pyproject.toml | sha256sum | cut -c1-16)-$requirements
if [[ ! -f "$stamp" ]]; then
  step "Installing pinned Python packages from $requirements"
  # Every file checked against its pinned sha256. The project itself has no hash: it is installed
  # on its own, building with the hatchling just checked rather than one fetched unchecked.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
    -r "$requirements"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
    --no-build-isolation -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  step "Installing Node.js and npm from Debian (the site ships the npm 'pyodide' package)"
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
# npm ci starts from an empty node_modules, so a stamp inside it says which lock file it installed.
npm_stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
if [[ ! -f "$npm_stamp" ]]; then
  step "Installing the pinned npm packages (the Pyodide runtime; axe-core for the tests) with npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$npm_stamp"
fi

if $with_tests; then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v nginx >/dev/null || missing+=(nginx)
  # deploy/nginx.conf sends the build's brotli twins with brotli_static, from this module.
  [[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]] ||
    missing+=(libnginx-mod-http-brotli-static)
  if (( ${#missing[@]} )); then
    step "Installing ${missing[*]} from Debian for the browser and web-server tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
