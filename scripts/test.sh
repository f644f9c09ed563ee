#!/usr/bin/env bash
# The README's test command: set up (if needed), then run every test (unit, browser, notebook, slow).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
exec "${ISPAUDIT_VENV:-$root/.venv}/bin/python" -m pytest "$@"
