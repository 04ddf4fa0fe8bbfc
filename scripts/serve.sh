#!/usr/bin/env bash
# Set everything up, then serve the site at http://127.0.0.1:8000 (rebuilds when content changes).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs serve "$@"
