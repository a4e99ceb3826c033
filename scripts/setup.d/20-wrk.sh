#!/usr/bin/env bash
# wrk, the HTTP load generator of the framework benchmark (issue 14), from Debian's package.
# Idempotent: does nothing when wrk is already on the PATH.
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "Installing Debian's wrk for the framework benchmark..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
