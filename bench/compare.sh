#!/usr/bin/env bash
# Compares the CPU per order of two builds at one rate, run alternately on this machine: a build of BASE (any git
# revision, checked out in a temporary worktree) and the working tree. On a virtual machine whose speed drifts by tens
# of percent within an hour, two full runs minutes apart cannot tell a 10 % change from the drift; alternating can.
# Usage: bench/compare.sh BASE [RATE] [ROUNDS]   (defaults: 120 orders/s, 2 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
base=$1; rate=${2:-120}; rounds=${3:-2}
command -v jq >/dev/null || { echo "jq is needed to read the runs' JSON (apt-get install jq)" >&2; exit 1; }
results=$(mktemp -d)
worktree="$results/base"

git worktree add --detach --quiet "$worktree" "$base"
trap 'git worktree remove --force "$worktree"' EXIT
# The stand-in's npm packages are not tracked: the base build uses the ones installed here.
cp -r eng/mongo-standin/node_modules "$worktree/eng/mongo-standin/"
for tree in "$worktree" .; do
  dotnet build "$tree/MicroShop.sln" -c Release -v q -nologo >/dev/null
done

echo "CPU per order (ms) at $rate orders/s; base = $base, head = the working tree; results in $results"
for round in $(seq 1 "$rounds"); do
  for side in base head; do
    tree=.; [ "$side" = base ] && tree=$worktree
    out="$results/$side-$round"
    (cd "$tree" && dotnet run -c Release --no-build --project bench/MicroShop.Bench -- --rates "$rate" \
      --step-seconds 45 --floor-seconds 1 --no-overload --idle-seconds 1 --output "$out" >"$out.log" 2>&1)
    jq -r --arg side "$side" --arg round "$round" '
      .steps[-1] as $step | $step.cpu.msPerOrder as $ms
      | ([$ms | to_entries[] | select(.key != "bench tool") | .value] | add) as $system
      | "\($side) \($round): system \($system * 100 | round / 100)  "
        + ([$ms | to_entries[] | "\(.key) \(.value)"] | join("  "))
        + "  achieved \($step.achievedPerSecond | round)/s  outcome p99 \($step.outcomeLatency.p99 | round) ms"' \
      "$out/latest.json"
  done
done
