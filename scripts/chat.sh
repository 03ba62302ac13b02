#!/usr/bin/env bash
# Set up, index the shipped corpus if needed, and start the browser chat (URL printed in the terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/assistant chat "$@"
