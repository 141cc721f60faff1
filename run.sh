#!/usr/bin/env bash
# Sets up and runs the whole UserStream pipeline on this machine: installs the native prerequisites,
# builds, and starts the AppHost (PostgreSQL, Kafka, source, ingestor, processor, api, dashboard).
# Extra arguments go to the AppHost, e.g. ./run.sh --Ports:api=6080
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh
exec dotnet run --project src/UserStream.AppHost -c Release -- "$@"
