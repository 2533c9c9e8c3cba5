#!/usr/bin/env bash
# Installs what MicroShop's local mode needs and is missing, from Debian's packages and npm only.
# Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The MongoDB stand-in's pinned dependencies (only used where no mongod is on PATH). Its bson needs Node.js 20.19
# or later; Debian 12's own nodejs is 18, so a bare Debian machine needs a newer Node.js (for example NodeSource's).
standin=eng/mongo-standin
if ! command -v mongod >/dev/null 2>&1 && ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "setup: the MongoDB stand-in needs Node.js 20.19 or later; this machine has $(node --version)" >&2
  exit 1
fi
if [ -f "$standin/package-lock.json" ] && [ ! "$standin/node_modules/.package-lock.json" -nt "$standin/package-lock.json" ]; then
  echo "setup: installing the MongoDB stand-in's npm packages"
  (cd "$standin" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "setup: ready (RabbitMQ, PostgreSQL, Redis, $(command -v mongod >/dev/null && echo mongod || echo 'MongoDB stand-in'))"
