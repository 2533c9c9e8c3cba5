#!/usr/bin/env bash
# Runs MongoDB for one AppHost run: a real mongod when one is on PATH, otherwise the repo's
# wire-protocol stand-in (eng/mongo-standin), each with its own data folder and port.
# Environment: DATA_DIR, PORT.
set -euo pipefail
mkdir -p "$DATA_DIR"

if command -v mongod >/dev/null 2>&1; then
  exec mongod --bind_ip 127.0.0.1 --port "$PORT" --dbpath "$DATA_DIR"
fi

standin="$(cd "$(dirname "$0")/../mongo-standin" && pwd)"
[ -d "$standin/node_modules" ] || { echo "MongoDB stand-in dependencies missing: run eng/setup.sh" >&2; exit 1; }
exec node "$standin/server.js" --bind 127.0.0.1 --port "$PORT" --dbpath "$DATA_DIR"
