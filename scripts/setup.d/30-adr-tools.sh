#!/usr/bin/env bash
# The ADR tools the record tests run on generated folders (tests/records/test_adr_tools.py):
#   log4brains 1.1.0 and adr-log 2.2.0 from npm, into .test-services/npm (project-local, no global install);
#   adr-tools from Debian (`adr`).
# Idempotent: does nothing when the pinned versions are already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
apt_install() {
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
  }
}

if ! command -v adr >/dev/null 2>&1; then
  echo "Installing adr-tools (Debian)..."
  apt_install adr-tools
fi

NPM_DIR=.test-services/npm
version_of() {  # the installed version of an npm package in $NPM_DIR, or nothing
  node -e "process.stdout.write(require(process.argv[1]).version)" \
    "$PWD/$NPM_DIR/node_modules/$1/package.json" 2>/dev/null || true
}
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing nodejs and npm (Debian)..."
  apt_install nodejs npm
fi
if [ "$(version_of log4brains)" != "1.1.0" ] || [ "$(version_of adr-log)" != "2.2.0" ]; then
  echo "Installing log4brains 1.1.0 and adr-log 2.2.0 into $NPM_DIR..."
  mkdir -p "$NPM_DIR"
  npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error log4brains@1.1.0 adr-log@2.2.0 >/dev/null
fi
# (not `log4brains --version`: loading its CLI takes seconds; the version check above read package.json)
test -x "$NPM_DIR/node_modules/.bin/log4brains"
test -x "$NPM_DIR/node_modules/.bin/adr-log"
