#!/usr/bin/env bash
# Installs what UserStream needs from Debian's packages, skipping what is already there:
#   postgresql         server binaries for the throwaway local PostgreSQL
#   kcat               an independent Kafka client, for checks by hand (it brings Debian's librdkafka1;
#                      the services never load that one: librdkafka comes from librdkafka.redist)
#   python3-cassandra  the DataStax Python driver, the reference the CQL client is verified against (tests)
#   chromium           headless browser for the dashboard page tests (tests)
#   python3-confluent-kafka  Confluent's Python Kafka client, an independent producer of hostile messages (tests)
# Usage: scripts/install-prerequisites.sh [--with-test-tools]
set -euo pipefail

packages=(postgresql kcat)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  packages+=(python3-cassandra chromium python3-confluent-kafka)
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

# Another installer (unattended upgrades, a second shell) may hold apt's locks for a while: wait for
# them, up to APT_LOCK_WAIT seconds, instead of failing at once.
lock_wait=${APT_LOCK_WAIT:-300}
apt_options=(-o "DPkg::Lock::Timeout=$lock_wait")

# `apt-get update` takes the lists lock, which DPkg::Lock::Timeout does not cover: retry it until the deadline.
apt_update() {
  local deadline=$((SECONDS + lock_wait))
  until $sudo apt-get "${apt_options[@]}" update -qq; do
    if ((SECONDS >= deadline)); then
      echo "apt-get update still failing after ${lock_wait}s (is another apt process holding its lock?)" >&2
      return 1
    fi
    echo "apt is busy; retrying apt-get update in 5 s ..." >&2
    sleep 5
  done
}

echo "Installing ${missing[*]} ..."
apt_update
DEBIAN_FRONTEND=noninteractive $sudo apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a default PostgreSQL cluster on port 5432 at install time; UserStream runs its own, so stop that one.
if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
  $sudo pg_ctlcluster --force "$(pg_lsclusters -h | awk 'NR==1{print $1}')" main stop 2>/dev/null || true
fi
