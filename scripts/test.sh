#!/usr/bin/env bash
# Installs everything the tests need, then runs the whole suite.
# Used by the README's test command and by .ci/run: keep them the same.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

# The browser tests drive Debian's Chromium through Playwright (Playwright cannot
# download its own browser on this network), so install it when it is missing.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Installing Debian's chromium for the browser tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Each tool or server a test needs (PostgreSQL, wrk, the ADR tools, ...) has its own
# idempotent install-and-start step in scripts/setup.d/, run in name order.
for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "setup: $step"
  bash "$step"
done

exec python3 -m pytest "$@"
