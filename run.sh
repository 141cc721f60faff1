#!/usr/bin/env bash
# Sets up and runs the whole UserStream pipeline on this machine: installs the native prerequisites,
# builds, and starts the Aspire AppHost (PostgreSQL, Kafka, Cassandra or its fallback, source, ingestor,
# processor, api, and the Aspire dashboard on http://localhost:18888).
# Extra arguments go to the AppHost, e.g. ./run.sh --Ingestion:Schedule:Enabled=false
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
dotnet build src/UserStream.AppHost -c Release -nologo -v quiet
# The built AppHost runs in place of this shell, with what its launch profile (Properties/launchSettings.json) gives
# `dotnet run`: so no SDK process stays resident beside it (about 340 MiB). Values already set are kept.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:18888}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://localhost:18889}"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT="${ASPIRE_ALLOW_UNSECURED_TRANSPORT:-true}"
exec dotnet src/UserStream.AppHost/bin/Release/net10.0/UserStream.AppHost.dll "$@"
