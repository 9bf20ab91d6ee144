#!/usr/bin/env bash
# Start the web server and the task worker together; stopping one (Ctrl-C) stops both.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PORT=${PORT:-8000}

# Work whose worker died is queued again, and its half-written files removed, before work
# resumes; nothing else is running yet, so every staging file is a leftover.
"$BIN/python" manage.py recover_interrupted_work --parts-older-than 0
"$BIN/python" manage.py run_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  Testimonio is running (web server and task worker).
    Public site:  http://localhost:$PORT/
    Admin:        http://localhost:$PORT/admin/   (demo logins are printed above)
  Press Ctrl-C to stop both.

MSG
"$BIN/python" manage.py runserver --noreload --nostatic "127.0.0.1:$PORT"
