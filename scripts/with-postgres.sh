#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: Debian's packages (installed if absent),
# a cluster in a temporary folder listening on loopback only (fsync off: nothing here needs to
# survive a crash), an empty database "testimonio", and DATABASE_* set for the command; the
# server is stopped and deleted after. Used by `make test-postgres` and benchmarks/scale.py.
set -euo pipefail

if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  echo "Installing Debian's postgresql"
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
as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U testimonio testimonio
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

DATABASE_NAME=testimonio DATABASE_USER=testimonio DATABASE_HOST=127.0.0.1 DATABASE_PORT=$port \
  "$@"
