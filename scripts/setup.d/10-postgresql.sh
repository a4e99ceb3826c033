#!/usr/bin/env bash
# PostgreSQL for the decision-room tests (issue 18): Debian's server package, and a throwaway
# cluster of this checkout listening only on a private Unix socket. Idempotent: a running
# cluster is reused. Writes the URL the tests use to .test-services/postgres_url.
#   bash scripts/setup.d/10-postgresql.sh           install if missing, start
#   bash scripts/setup.d/10-postgresql.sh restart   restart the cluster (the restart test uses it)
#   bash scripts/setup.d/10-postgresql.sh stop      stop it
set -euo pipefail
cd "$(dirname "$0")/../.."
ACTION="${1:-start}"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(pg_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "Installing Debian's postgresql for the room tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  BIN="$(pg_bin)"
fi

# One cluster per checkout (several worktrees may run tests on one machine).
KEY="$(printf '%s' "$PWD" | sha1sum | cut -c1-12)"
BASE="${STACKWISE_PG_DIR:-/tmp/stackwise-pg-$KEY}"
DATA="$BASE/data"; SOCK="$BASE/sock"; LOG="$BASE/server.log"; PORT=5432

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
if [ "$(id -u)" = 0 ]; then
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

mkdir -p "$BASE"
chmod 755 "$BASE"
if [ ! -s "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA" "$SOCK"
  mkdir -p "$DATA" "$SOCK"
  chown "$OWNER" "$DATA" "$SOCK"
  chmod 700 "$DATA"
  # trust on the private socket only: a throwaway test cluster, no TCP at all.
  as_owner "$BIN/initdb" -D "$DATA" -U "$OWNER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
OPTS="-c listen_addresses='' -k $SOCK -p $PORT -c fsync=on -c max_connections=100"

running() { as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }
case "$ACTION" in
  stop) running && as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; exit 0 ;;
  restart) running && as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null ;;
  start) ;;
  *) echo "usage: $0 [start|restart|stop]" >&2; exit 2 ;;
esac
if ! running; then
  touch "$LOG"; chown "$OWNER" "$LOG"
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "$OPTS" -w -t 60 start >/dev/null
fi
for _ in $(seq 1 60); do
  as_owner "$BIN/pg_isready" -q -h "$SOCK" -p "$PORT" && break
  sleep 0.5
done
if ! as_owner "$BIN/psql" -h "$SOCK" -p "$PORT" -U "$OWNER" -d postgres -tAc \
     "SELECT 1 FROM pg_database WHERE datname = 'stackwise_test'" | grep -q 1; then
  as_owner "$BIN/createdb" -h "$SOCK" -p "$PORT" -U "$OWNER" stackwise_test
fi
mkdir -p .test-services
echo "postgresql://$OWNER@/stackwise_test?host=$SOCK&port=$PORT" > .test-services/postgres_url
echo "PostgreSQL for tests: $(cat .test-services/postgres_url)"
