#!/usr/bin/env bash
# Sets up and runs every test: installs the native prerequisites (and the test tools), then runs
# `dotnet test` on the solution. The tests start their own PostgreSQL and Kafka-protocol broker.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Processor"
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-prerequisites.sh --with-test-tools
exec dotnet test UserStream.sln -c Release "$@"
