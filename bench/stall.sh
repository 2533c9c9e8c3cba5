#!/usr/bin/env bash
# One bench step with a stall of two seconds in its middle: 60 s at 100 orders/s, and at its 30th second either
# PostgreSQL paused (SIGSTOP, then SIGCONT) or four busy loops at the highest priority taking both cores. Prints the
# step's refusals, tails and outcomes. Run it on two builds in turn to compare how they ride out a stall.
# Usage: bench/stall.sh pause-postgres|busy-machine OUTPUT_DIR   (as root: PostgreSQL runs as the user postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=$1; out=$2
command -v jq >/dev/null || { echo "jq is needed to read the run's JSON (apt-get install jq)" >&2; exit 1; }
case "$kind" in pause-postgres|busy-machine) ;; *) echo "unknown stall: $kind" >&2; exit 1 ;; esac

mkdir -p "$out"
dotnet run -c Release --no-build --project bench/MicroShop.Bench -- --rates 100 --step-seconds 60 --floor-seconds 1 \
  --no-overload --idle-seconds 1 --output "$out" >"$out/bench.log" 2>&1 &
bench=$!
until grep -q '^\[ 100/s    30s\]' "$out/bench.log"; do
  kill -0 "$bench" 2>/dev/null || { echo "the bench ended before the step's 30th second: $out/bench.log" >&2; exit 1; }
  sleep 0.2
done

if [ "$kind" = pause-postgres ]; then
  pkill -STOP -u postgres; sleep 2; pkill -CONT -u postgres
else
  hogs=()
  for _ in 1 2 3 4; do nice -n -20 timeout 2 sh -c 'while :; do :; done' & hogs+=($!); done
  wait "${hogs[@]}" || true
fi

wait "$bench"
jq -r '.steps[-1] | "\(.offeredRate)/s: outcomes \(.achievedPerSecond | round)/s, accepted \(.accepted), refused \(.refused)"
  + " (p50 \(.refusalLatency.p50 | round) / p99 \(.refusalLatency.p99 | round) ms), POST p99 \(.acceptLatency.p99 | round) ms,"
  + " outcome p99 \(.outcomeLatency.p99 | round) ms, errors \([.errors[]] | add // 0), unresolved \(.unresolved)"' "$out/latest.json"
