#!/usr/bin/env bash
# Installs what is missing, then runs the whole application with the Aspire dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/setup.sh

# Plain HTTP for local runs: no developer certificate is needed.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
exec dotnet run --project MicroShop.AppHost -- "$@"
