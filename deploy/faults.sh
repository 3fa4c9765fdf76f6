#!/usr/bin/env bash
# Faults for a local cluster started by deploy/cluster.sh (same DIR): the fault runs of deploy/OPERATIONS.md
# ("Fault runs") and of tests/Contest.Web.Tests/Faults. Each command prints the UTC time it acted at.
#
#   deploy/faults.sh kill NODE   [DIR]   kill -9 of node1 or node2
#   deploy/faults.sh pg-stop     [DIR]   PostgreSQL stopped at once (pg_ctl -m immediate: no checkpoint, as a crash)
#   deploy/faults.sh redis-kill  [DIR]   kill -9 of redis-server (its append-only file keeps what it had synced)
#   deploy/faults.sh redis-flush [DIR]   FLUSHALL
#   deploy/faults.sh heal        [DIR]   start whatever is down (cluster.sh up: PostgreSQL, Redis, a killed node)
#
# DIR defaults to $CONTEST_CLUSTER_DIR or /tmp/contest-cluster, as for cluster.sh.
set -euo pipefail

cmd=${1:-}
if [ "$cmd" = kill ]; then node=${2:-}; dir=${3:-${CONTEST_CLUSTER_DIR:-/tmp/contest-cluster}}
else dir=${2:-${CONTEST_CLUSTER_DIR:-/tmp/contest-cluster}}; fi
root=$(cd "$(dirname "$0")/.." && pwd)

die() { echo "faults.sh: $*" >&2; exit 1; }
now() { date -u +%H:%M:%S.%3N; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

[ -n "$cmd" ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ -f "$dir/cluster.env" ] || die "no cluster in $dir (deploy/cluster.sh up $dir)"
# shellcheck disable=SC1091
. "$dir/cluster.env"

case "$cmd" in
  kill)
    case "$node" in node1|node2) ;; *) die "kill: name node1 or node2";; esac
    pid=$(cat "$dir/$node/$node.pid" 2>/dev/null) || die "$node has no pid file"
    kill -KILL "$pid" 2>/dev/null || die "$node (pid $pid) is not running"
    echo "$(now) killed $node (pid $pid)" ;;
  pg-stop)
    as_postgres "$(pgbin)/pg_ctl -D $dir/pg/data -m immediate -w stop" >/dev/null
    echo "$(now) PostgreSQL stopped" ;;
  redis-kill)
    kill -KILL "$(cat "$dir/redis/redis.pid")" 2>/dev/null || die "Redis is not running"
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || break; sleep 0.1; done
    echo "$(now) Redis killed" ;;
  redis-flush)
    redis-cli -p "$REDIS_PORT" flushall >/dev/null
    echo "$(now) Redis flushed" ;;
  heal)
    "$root/deploy/cluster.sh" up "$dir" >/dev/null
    echo "$(now) cluster up" ;;
  *) die "unknown command '$cmd'" ;;
esac
