#!/usr/bin/env bash
# Set-up, safe to run again: a virtual environment (.venv), the kit and its dependencies, a Chromium
# for Playwright (Playwright's own build where 'playwright install chromium' works, else the OS
# package 'chromium'). The README's two commands call this first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="${ISPAUDIT_VENV:-$root/.venv}"
python="${PYTHON:-python3}"

say() { printf '[setup] %s\n' "$*" >&2; }

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Python 3.11 or newer is needed (found: $("$python" --version 2>&1)); set PYTHON=/path/to/python3.11"
  exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
  say "creating the virtual environment in $venv"
  "$python" -m venv "$venv"
fi
stamp="$venv/.ispaudit-installed"
want="$(cat pyproject.toml | sha256sum | cut -c1-64)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  say "installing the kit and its dependencies (a few minutes the first time)"
  pip_install() {  # pip's noise about this machine's unused local indexes is dropped
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
      | { grep -v -e "is ignored: it is neither a file nor a directory" -e "BuildBackendWarning" || true; }
    return "${PIPESTATUS[0]}"
  }
  pip_install --upgrade pip
  pip_install -e ".[dev]"
  echo "$want" > "$stamp"
fi

browser_ok() { "$venv/bin/python" -m audit.web.browser >/dev/null 2>&1; }

if ! browser_ok; then
  say "no usable Chromium yet: trying 'playwright install chromium'"
  if ! timeout 600 "$venv/bin/python" -m playwright install chromium >/dev/null 2>&1; then
    say "Playwright could not download its Chromium; falling back to the OS package"
  fi
fi
if ! browser_ok; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian's chromium package"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    say "installing Debian's chromium package with sudo"
    sudo apt-get update -qq >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  fi
fi
if ! browser_ok; then
  "$venv/bin/python" -m audit.web.browser || true
  say "no Chromium could be set up: install Chrome or Chromium and set ISPAUDIT_CHROMIUM=/path/to/it"
  exit 1
fi
say "$("$venv/bin/python" -m audit.web.browser)"
