#!/usr/bin/env bash
# Build the package to publish or hand to an organisation: dist/mentoring_stages-<version>-py3-none-any.whl
# (with Pyodide's core files inside, from the pinned npm package) and the source archive beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
rm -rf dist
.venv/bin/python -m build --sdist --wheel --no-isolation --outdir dist .
ls -l dist
