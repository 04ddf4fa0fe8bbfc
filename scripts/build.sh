#!/usr/bin/env bash
# Set everything up, then build the site into site/ (strict: any warning fails the build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs build --strict "$@"
