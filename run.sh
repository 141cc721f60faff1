#!/usr/bin/env bash
# Sets up and runs the whole UserStream pipeline on this machine: installs the native prerequisites,
# builds, and starts the Aspire AppHost (PostgreSQL, Kafka, Cassandra or its fallback, source, ingestor,
# processor, api, and the Aspire dashboard on http://localhost:18888).
# Extra arguments go to the AppHost, e.g. ./run.sh --Ingestion:Schedule:Enabled=false
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
exec dotnet run --project src/UserStream.AppHost -c Release -- "$@"
