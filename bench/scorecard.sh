#!/usr/bin/env bash
# The targets over several full runs: for each, in how many runs it was met, and its lowest, median and highest
# value. One run shows what one spell of this machine allowed; the README's "Where it stands" reads many.
# Usage: bench/scorecard.sh RUN.json...   (the runs' latest.json, or their copies in bench/results)
set -euo pipefail
command -v jq >/dev/null || { echo "jq is needed to read the runs' JSON (apt-get install jq)" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: bench/scorecard.sh RUN.json..." >&2; exit 1; }

jq -rs '
  def services: ["gateway", "products", "orders"];
  def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def rounded($digits): pow(10; $digits) as $scale | . * $scale | round / $scale;
  # A row: each run'"'"'s value (runs without one are left out) and whether it meets the target (null: no target to meet).
  def target($name; $target; value; meets; $digits):
    map(value | select(. != null)) | {name: $name, target: $target, values: ., met: map(meets), digits: $digits};
  def target($name; $target; value; meets): target($name; $target; value; meets; 1);
  [
    target("Orders/s sustained"; "≥ 250"; .summary.sustainedOrdersPerSecond; . >= 250),
    target("Errors below saturation"; "0"; .summary.errorsBelowSaturation; . == 0; 0),
    target("System CPU per order at that step (ms)"; "≤ 6"; .summary.systemCpuMsPerOrder; . <= 6),
    target("Saga ÷ composite ceiling (%)"; "≥ 75"; .summary.sagaToCeilingRatio * 100; . >= 75),
    target("Outcome p99 at half saturation (ms)"; "< 100"; .summary.halfSaturationP99Ms; . < 100),
    target("POST p99 at half saturation (ms)"; "< 50"; .summary.halfSaturationPostP99Ms; . < 50),
    target("Goodput at 2× ÷ peak sustained (%)"; "≥ 90"; .summary.overload[0].goodputToPeakSustained * 100; . >= 90),
    target("Goodput at 4× ÷ peak sustained (%)"; "≥ 90"; .summary.overload[1].goodputToPeakSustained * 100; . >= 90),
    target("Refusal p99, slowest step that refused (ms)"; "< 50"; .summary.worstRefusalP99Ms; . < 50),
    target("Accepted orders unresolved 5 s after an overload step"; "0"; [.summary.overload[].unresolved] | add; . == 0; 0),
    target("Gateway reads ÷ direct gRPC reads (%)"; "≥ 75"; .summary.gatewayToDirectRatio * 100; . >= 75),
    target("Busiest service at idle (cores)"; "< 0.02"; [.idleCores[services[]]] | max; . < 0.02; 3),
    # Over every order the run placed; the figures are how many orders were checked.
    (target("Saga invariants (orders checked; runs that checked them)"; "held"; .invariants; .held; 0)
      | .values |= map(.orders)),
    target("Peak resident set of the largest service (MiB)"; "bounded"; [.summary.servicePeakResidentMiB[]] | max; null; 0)
  ]
  | ("| Target | | met in | lowest | median | highest |", "| --- | --- | ---: | ---: | ---: | ---: |"),
    (.[] | .digits as $digits
      | (if all(.met[]; . == null) then "" else "\([.met[] | select(.)] | length) of \(.met | length)" end) as $met
      | "| \(.name) | \(.target) | \($met) | \(.values | min | rounded($digits)) | \(.values | median | rounded($digits)) | \(.values | max | rounded($digits)) |")
' "$@"
