#!/usr/bin/env bash
# Runs a private PostgreSQL server for one AppHost run: its own data folder and port, a generated password.
# Environment: DATA_DIR, PORT, POSTGRES_PASSWORD, POSTGRES_DB.
set -euo pipefail
source "$(dirname "$0")/run-as.sh"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server not found: run eng/setup.sh" >&2; exit 1; }

own_dir postgres "$DATA_DIR"
if [ ! -f "$DATA_DIR/pgdata/PG_VERSION" ]; then
  printf '%s\n' "$POSTGRES_PASSWORD" > "$DATA_DIR/pwfile"
  own_dir postgres "$DATA_DIR"
  run_as postgres "$bin/initdb" -D "$DATA_DIR/pgdata" -U postgres --pwfile="$DATA_DIR/pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --no-sync >"$DATA_DIR/initdb.log"
  rm -f "$DATA_DIR/pwfile"
  # Single-user mode creates the application's database before the server accepts anyone.
  echo "CREATE DATABASE \"$POSTGRES_DB\";" | run_as postgres "$bin/postgres" --single -D "$DATA_DIR/pgdata" postgres >/dev/null
fi

run_as postgres "$bin/postgres" -D "$DATA_DIR/pgdata" -p "$PORT" -k "$DATA_DIR" \
  -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on &
server=$!
# PostgreSQL treats SIGTERM as a "smart" shutdown that waits for pooled clients forever; SIGINT is the fast one.
trap 'kill -INT "$server" 2>/dev/null' TERM INT
wait "$server" || true
wait "$server"
