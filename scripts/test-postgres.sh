#!/usr/bin/env bash
# The suite's database tests against a real PostgreSQL server (scripts/with-postgres.sh). The
# real worker's tests run their site on a database of their own on this server. Left out,
# because they would only repeat `make test`: tests that use no database
# (--database-tests-only, tests/conftest.py), and `make run` from a fresh checkout, which is
# SQLite by design (marked fresh_checkout).
set -euo pipefail

BIN=${BIN:-.venv/bin}
exec "$(dirname "$0")/with-postgres.sh" \
  "$BIN/pytest" --ds=archive.settings.test -m "not fresh_checkout and not scale" --database-tests-only "$@"
