#!/usr/bin/env bash
# Runs every test project against real servers: PostgreSQL and Redis started here as plain
# processes on free loopback ports (data in a temp dir), and Debian's Chromium for browser tests.
# Installs what is missing (as root, via apt). Ends with the line "N passed, N failed, N skipped".
#   ./test.sh                 all projects
#   ./test.sh Engine Web      only tests/Contest.Engine.Tests and tests/Contest.Web.Tests
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\033[1m== %s\033[0m\n' "$*"; }

# --- 1. packages -------------------------------------------------------------------------
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)   # deploy/cluster.sh test
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! id postgres >/dev/null 2>&1; then need+=(postgresql); fi
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  if [ "$(id -u)" != 0 ]; then echo "need root to install: ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# --- 2. servers --------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d /tmp/contest-test.XXXXXX)
chmod 755 "$work"
pgdata="$work/pg"; mkdir -p "$pgdata"; chown postgres:postgres "$pgdata"
pgport=$(free_port); redisport=$(free_port)

cleanup() {
  set +e
  su postgres -s /bin/sh -c "$pgbin/pg_ctl -D $pgdata -m immediate stop" >/dev/null 2>&1
  redis-cli -p "$redisport" shutdown nosave >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

log "starting PostgreSQL on 127.0.0.1:$pgport"
su postgres -s /bin/sh -c "$pgbin/initdb -D $pgdata -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; exit 1; }
# fsync off: test data is thrown away; never do this in production.
su postgres -s /bin/sh -c "$pgbin/pg_ctl -D $pgdata -l $pgdata/server.log -w -o \"-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null \
  || { cat "$pgdata/server.log"; exit 1; }

log "starting Redis on 127.0.0.1:$redisport"
redis-server --port "$redisport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --dir "$work" --logfile "$work/redis.log"
for _ in $(seq 50); do redis-cli -p "$redisport" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redisport" ping >/dev/null || { echo "redis did not start" >&2; cat "$work/redis.log"; exit 1; }

export CONTEST_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Include Error Detail=true"
export CONTEST_TEST_REDIS="127.0.0.1:$redisport"
export CONTEST_CHROMIUM=/usr/bin/chromium
export CONTEST_ARTIFACTS="$root/test-artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Every test app would watch its appsettings files; hundreds of in-process apps exhaust the 128 inotify instances a
# user gets by default, and nothing in a test edits them.
export DOTNET_hostBuilder__reloadConfigOnChange=false
mkdir -p "$CONTEST_ARTIFACTS"

# --- 3. build and test -------------------------------------------------------------------
log "building"
dotnet build Contest.sln -c Debug -nologo -v q -clp:ErrorsOnly

projects=()
if [ $# -gt 0 ]; then
  for p in "$@"; do projects+=("tests/Contest.$p.Tests"); done
else
  for p in tests/*.Tests; do projects+=("$p"); done
fi

results="$work/results"; mkdir -p "$results"
crashed=()
for p in "${projects[@]}"; do
  name=$(basename "$p")
  log "testing $name"
  if ! dotnet test "$p" --no-build -nologo -v q --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
       --blame-hang-timeout 5m -- RunConfiguration.TreatNoTestsAsError=true; then
    [ -f "$results/$name.trx" ] || crashed+=("$name")
  fi
  [ -f "$results/$name.trx" ] && cp "$results/$name.trx" "$CONTEST_ARTIFACTS/" || true
done

# --- 4. summary --------------------------------------------------------------------------
sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failed=$(sum failed); total=$(sum total); executed=$(sum executed)
passed=${passed:-0}; failed=${failed:-0}; total=${total:-0}; executed=${executed:-0}
skipped=$((total - executed))
if [ ${#crashed[@]} -gt 0 ]; then
  echo "test run crashed (no results): ${crashed[*]}"
  failed=$((failed + ${#crashed[@]}))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
