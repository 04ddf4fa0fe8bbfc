#!/usr/bin/env bash
# Set everything up, including the test tools and Chromium, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
NO_MKDOCS_2_WARNING=1 exec .venv/bin/python -m pytest "$@"
