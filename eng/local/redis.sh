#!/usr/bin/env bash
# Runs a private Redis server for one AppHost run: its own port, a generated password, nothing saved to disk (it
# holds only copies: the Gateway's product cache).
# Environment: DATA_DIR, PORT, REDIS_PASSWORD.
set -euo pipefail

command -v redis-server >/dev/null 2>&1 || { echo "Redis server not found: run eng/setup.sh" >&2; exit 1; }

# The password goes into a file only this user reads, rather than onto a command line every user's ps shows.
mkdir -p "$DATA_DIR"
umask 077
cat > "$DATA_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $PORT
dir $DATA_DIR
requirepass $REDIS_PASSWORD
save ""
appendonly no
maxmemory 256mb
maxmemory-policy allkeys-lru
CONF
exec redis-server "$DATA_DIR/redis.conf"
