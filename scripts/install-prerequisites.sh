#!/usr/bin/env bash
# Installs what UserStream needs from Debian's packages, skipping what is already there:
#   postgresql         server binaries for the throwaway local PostgreSQL
#   kcat               an independent Kafka client, for checks by hand (it brings Debian's librdkafka1;
#                      the services never load that one: librdkafka comes from librdkafka.redist)
#   python3-cassandra  the DataStax Python driver, the reference the CQL client is verified against (tests)
#   chromium           headless browser for the dashboard page tests (tests)
# Usage: scripts/install-prerequisites.sh [--with-test-tools]
set -euo pipefail

packages=(postgresql kcat)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  packages+=(python3-cassandra chromium)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "Installing ${missing[*]} needs root (or sudo)." >&2; exit 1; }
  sudo="sudo"
fi

echo "Installing ${missing[*]} ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a default PostgreSQL cluster on port 5432 at install time; UserStream runs its own, so stop that one.
if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
  $sudo pg_ctlcluster --force "$(pg_lsclusters -h | awk 'NR==1{print $1}')" main stop 2>/dev/null || true
fi
