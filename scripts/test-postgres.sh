#!/usr/bin/env bash
# The suite's database tests against a real PostgreSQL server: Debian's packages (installed if
# absent), a throwaway cluster in a temporary folder listening on loopback only, stopped and
# deleted after. The real worker's tests run their site on a database of their own on this
# server. Left out, because they would only repeat `make test`: tests that use no database
# (--database-tests-only, tests/conftest.py), and `make run` from a fresh checkout, which is
# SQLite by design (marked fresh_checkout).
set -euo pipefail

BIN=${BIN:-.venv/bin}
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  echo "Installing Debian's postgresql for the PostgreSQL test run"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

cluster=$(mktemp -d /tmp/testimonio-postgres-XXXXXX)
# PostgreSQL refuses to run as root; as root, the cluster belongs to Debian's postgres user.
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$cluster"
  as_owner() { runuser -u postgres -- "$@"; }
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop EXIT INT TERM

as_owner "$pg_bin/initdb" -D "$cluster/data" -U testimonio -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off" >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

DATABASE_NAME=testimonio DATABASE_USER=testimonio DATABASE_HOST=127.0.0.1 DATABASE_PORT=$port \
  "$BIN/pytest" --ds=archive.settings.test -m "not fresh_checkout" --database-tests-only "$@"
