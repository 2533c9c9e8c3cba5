#!/usr/bin/env bash
# Installs what is missing, then builds and runs the whole test suite against the real distributed application.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/setup.sh

results=$(mktemp -d)
status=0
dotnet test MicroShop.sln -c Release --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?

# One closing line any CI can read: "N passed, N failed".
trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  failed=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  echo "Tests: $passed passed, $failed failed"
else
  echo "Tests: 0 passed, 1 failed (no test results were written)"
  status=1
fi
exit "$status"
