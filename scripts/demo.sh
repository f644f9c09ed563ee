#!/usr/bin/env bash
# The README's main command: set up (if needed), then run the whole demo campaign.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
exec "${ISPAUDIT_VENV:-$root/.venv}/bin/ispaudit" demo "$@"
