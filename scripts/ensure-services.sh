#!/usr/bin/env bash
# Make sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer before the tests.
# Starts them when they are installed and stopped; installs them with apt-get when they
# are missing and we run as root on Debian; otherwise stops with the command to run.
set -euo pipefail

PG_PORT=5432
REDIS_PORT=6379

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local port=$1 name=$2
  for _ in $(seq 1 50); do answers "$port" && return 0; sleep 0.2; done
  echo "✗ $name does not answer on 127.0.0.1:$port" >&2
  return 1
}

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

apt_install() {
  echo "→ apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

pg_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  local v
  v=$(pg_version)
  echo "→ starting PostgreSQL $v"
  pg_ctlcluster --skip-systemctl-redirect "$v" main start
}

trust_local_connections() {
  # A fresh Debian PostgreSQL asks for a password over TCP; the suite connects as
  # postgres without one, like on our CI machines.
  local hba
  hba="/etc/postgresql/$(pg_version)/main/pg_hba.conf"
  sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
}

if ! answers $PG_PORT; then
  if command -v pg_ctlcluster >/dev/null && [ -n "$(pg_version)" ]; then
    start_postgres
  elif can_apt; then
    apt_install postgresql
    trust_local_connections
    start_postgres
  else
    echo "✗ PostgreSQL is not running. Start it with:" >&2
    echo "  sudo pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
    echo "  (or install it: sudo apt-get install postgresql)" >&2
    exit 1
  fi
  wait_for $PG_PORT PostgreSQL
fi
echo "✓ PostgreSQL answers on 127.0.0.1:$PG_PORT"

start_redis() {
  echo "→ starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port $REDIS_PORT --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
}

if ! answers $REDIS_PORT; then
  if command -v redis-server >/dev/null; then
    start_redis
  elif can_apt; then
    apt_install redis-server
    start_redis
  else
    echo "✗ Redis is not running. Start it with:" >&2
    echo "  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no" >&2
    echo "  (or install it: sudo apt-get install redis-server)" >&2
    exit 1
  fi
  wait_for $REDIS_PORT Redis
fi
echo "✓ Redis answers on 127.0.0.1:$REDIS_PORT"
