# Shared set-up steps for scripts/run and scripts/test. Each step is skipped when nothing it depends on changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
cd "$ROOT"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nProblem: %s\n' "$*" >&2; exit 1; }

python_is_new_enough() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  local candidate
  for candidate in "${INCLUDED_PYTHON:-}" python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && python_is_new_enough "$(command -v "$candidate")"; then
      command -v "$candidate"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    for candidate in $(ls -d "$(pyenv root)"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
      if python_is_new_enough "$candidate/bin/python3"; then
        echo "$candidate/bin/python3"; return 0
      fi
    done
  fi
  return 1
}

ensure_python_env() {
  local requirements="$1" stamp
  if [ ! -x "$VENV/bin/python" ] || ! python_is_new_enough "$VENV/bin/python"; then
    local python
    python="$(find_python)" || fail "Included needs Python 3.12 or newer. Install it (for example with pyenv), or set INCLUDED_PYTHON to its path."
    say "Creating the virtual environment with $python"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  stamp="$VENV/.installed-$(basename "$requirements" .txt)"
  local wanted
  wanted="$(cat requirements/*.txt | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installing Python packages from $requirements"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$stamp"
  fi
}

ensure_frontend() {
  command -v npm >/dev/null 2>&1 || fail "Included needs Node.js and npm to build its pages' styles. Install the 'nodejs' and 'npm' packages."
  local wanted stamp="node_modules/.installed"
  wanted="$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installing front-end packages"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$wanted" > "$stamp"
  fi
  say "Building the front end"
  npm run --silent build
}

manage() { "$VENV/bin/python" manage.py "$@"; }

# Runs a command (the task worker) for as long as process $1 (the server) runs. If the command stops, it is started
# again: at once the first time, then waiting twice as long each time it stops again within a minute (up to a
# minute), so a worker that cannot start does not fill the screen. When the server stops, the command is stopped.
# How often it looks is WORKER_CHECK_SECONDS (2); tests make it shorter.
keep_running_while() {
  local watched="$1" worker="" started=0 pause=1 status
  shift
  while kill -0 "$watched" 2>/dev/null; do
    if [ -n "$worker" ] && ! kill -0 "$worker" 2>/dev/null; then
      status=0
      wait "$worker" || status=$?
      if [ $((SECONDS - started)) -ge 60 ]; then pause=1; fi
      say "The task worker stopped (exit status $status). Starting it again in $pause second$([ "$pause" = 1 ] || echo s)."
      sleep "$pause"
      pause=$((pause * 2 > 60 ? 60 : pause * 2))
      worker=""
      kill -0 "$watched" 2>/dev/null || break
    fi
    if [ -z "$worker" ]; then
      "$@" &
      worker=$!
      started=$SECONDS
    fi
    sleep "${WORKER_CHECK_SECONDS:-2}"
  done
  if [ -n "$worker" ]; then
    kill "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
  fi
}
