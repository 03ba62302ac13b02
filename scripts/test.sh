#!/usr/bin/env bash
# Set up with the test tools, install Chromium for the browser test, lint, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/install-browser.sh
.venv/bin/ruff check assistant tests bench
.venv/bin/python -m pytest "$@"
