#!/usr/bin/env bash
# Create .venv and install the assistant (and its test tools with `--test`). Idempotent and quick when done.
# torch==2.13.0 is installed first: it is the CPU build; anything else would pull a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
python="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.installed$(echo "$extra" | tr -d '[]')"
wanted="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing (first run takes a few minutes)..." >&2
    .venv/bin/pip install --quiet --disable-pip-version-check "torch==2.13.0"
    .venv/bin/pip install --quiet --disable-pip-version-check -e ".${extra}"
    echo "$wanted" > "$stamp"
fi
