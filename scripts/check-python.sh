#!/usr/bin/env bash
# check-python.sh <python>: the project needs Python 3.11 or newer.
set -euo pipefail
if ! "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "✗ $1 is missing or older than Python 3.11. Install Python ≥ 3.11, or run: make PYTHON=python3.11 …" >&2
  exit 1
fi
