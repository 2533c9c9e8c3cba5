#!/usr/bin/env bash
# Installs what is missing, then builds and runs the whole test suite against the real distributed application.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/setup.sh

results=$(mktemp -d)
status=0

# The MongoDB stand-in's own tests (journal durability, BSON type boundary), with Node's test runner.
(cd eng/mongo-standin && npm test --silent) >"$results/standin.log" 2>&1 || status=$?
standin_passed=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$results/standin.log")
standin_failed=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$results/standin.log")
echo "MongoDB stand-in: ${standin_passed:-0} passed, ${standin_failed:-0} failed"
[ "$status" -eq 0 ] || cat "$results/standin.log"

dotnet test MicroShop.sln -c Release --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?

# One closing line any CI can read: "N passed, N failed".
trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
  failed=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
  # A failing test's name and message last, where a CI log's tail shows them, above the closing line.
  if [ "$failed" -gt 0 ]; then
    perl -0777 -ne '
      my %xml = (lt => "<", gt => ">", amp => "&", quot => "\"", apos => "\x27");
      while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed"[^>]*>(.*?)<\/UnitTestResult>/sg) {
        my ($name, $body) = ($1, $2);
        my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
        my ($stack) = $body =~ /<StackTrace>(.*?)<\/StackTrace>/s;
        my $text = "FAILED $name\n" . ($message // "") . "\n" . substr($stack // "", 0, 2000) . "\n";
        $text =~ s/&(lt|gt|amp|quot|apos);/$xml{$1}/g;
        print $text;
      }' "$trx"
  fi
  echo "Tests: $((passed + ${standin_passed:-0})) passed, $((failed + ${standin_failed:-0})) failed"
else
  echo "Tests: 0 passed, 1 failed (no test results were written)"
  status=1
fi
exit "$status"
