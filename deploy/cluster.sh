#!/usr/bin/env bash
# A local Contest cluster on 127.0.0.1, from Debian packages, for tests and demos:
# PostgreSQL + Redis + two Contest.Web nodes + nginx in front (WebSockets, sticky sessions by cookie).
#
#   deploy/cluster.sh up     [DIR]   build, start everything, print the URL (safe to run again)
#   deploy/cluster.sh status [DIR]   what is running, each node's /healthz
#   deploy/cluster.sh down   [DIR]   stop everything; the data stays in DIR
#
# DIR defaults to $CONTEST_CLUSTER_DIR or /tmp/contest-cluster. Environment:
#   CONTEST_CLUSTER_PORT     nginx port (default: a free port, kept in DIR for the next `up`)
#   CONTEST_CLUSTER_APP      a folder holding Contest.Web.dll to run instead of `dotnet publish`
#   CONTEST_ADMIN_PASSWORD   the first admin's password (default: random, printed, kept in DIR/cluster.env)
#   CONTEST_CLUSTER_DEMO=0   do not load the demo data into the empty database
#   CONTEST_CLUSTER_TLS_CERT, CONTEST_CLUSTER_TLS_KEY  PEM certificate (chain) and key: nginx then serves HTTPS on
#                            CONTEST_CLUSTER_HTTPS_PORT (default: a free port, kept in DIR), sends HSTS, and its
#                            HTTP port only redirects to HTTPS (the recipe of deploy/nginx-tls.conf)
# Missing packages (postgresql, redis-server, nginx) are installed with apt when run as root.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"   # nginx lives in /usr/sbin

cmd=${1:-}
dir=${2:-${CONTEST_CLUSTER_DIR:-/tmp/contest-cluster}}
root=$(cd "$(dirname "$0")/.." && pwd)
nodes=(node1 node2)

log() { printf '\033[1m== %s\033[0m\n' "$*"; }
die() { echo "cluster.sh: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_packages() {
  local need=()
  [ -n "$(pgbin)" ] || need+=(postgresql)
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then need+=(postgresql); fi
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
  [ ${#need[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root"
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# Ports and secrets are chosen once (the password has upper and lower case, a digit and a sign, as Identity requires) and kept, so `up` after `down` gives the same URL and logins.
load_env() {
  mkdir -p "$dir"
  chmod 755 "$dir"
  dir=$(cd "$dir" && pwd)
  if [ ! -f "$dir/cluster.env" ]; then
    local password=${CONTEST_ADMIN_PASSWORD:-$(python3 -c 'import secrets; print("Ct-" + secrets.token_hex(8) + "9")')}
    umask 077
    cat >"$dir/cluster.env" <<EOF
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
NODE1_PORT=$(free_port)
NODE2_PORT=$(free_port)
HTTP_PORT=${CONTEST_CLUSTER_PORT:-$(free_port)}
HTTPS_PORT=${CONTEST_CLUSTER_HTTPS_PORT:-$(free_port)}
ADMIN_PASSWORD=$password
EOF
    umask 022
  fi
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  [ -z "${CONTEST_CLUSTER_PORT:-}" ] || HTTP_PORT=$CONTEST_CLUSTER_PORT
  [ -z "${CONTEST_CLUSTER_HTTPS_PORT:-}" ] || HTTPS_PORT=$CONTEST_CLUSTER_HTTPS_PORT
  HTTPS_PORT=${HTTPS_PORT:-$(free_port)}
  tls=""
  if [ -n "${CONTEST_CLUSTER_TLS_CERT:-}" ] || [ -n "${CONTEST_CLUSTER_TLS_KEY:-}" ]; then
    [ -r "${CONTEST_CLUSTER_TLS_CERT:-}" ] || die "CONTEST_CLUSTER_TLS_CERT: no readable certificate file '${CONTEST_CLUSTER_TLS_CERT:-}'"
    [ -r "${CONTEST_CLUSTER_TLS_KEY:-}" ] || die "CONTEST_CLUSTER_TLS_KEY: no readable key file '${CONTEST_CLUSTER_TLS_KEY:-}'"
    tls=1
  fi
}

node_port() { if [ "$1" = node1 ]; then echo "$NODE1_PORT"; else echo "$NODE2_PORT"; fi; }

start_postgres() {
  local bin; bin=$(pgbin)
  mkdir -p "$dir/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg"
  if [ ! -f "$dir/pg/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $dir/pg/data"
    as_postgres "$bin/initdb -D $dir/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/pg/initdb.log" 2>&1 \
      || { cat "$dir/pg/initdb.log"; die "initdb failed"; }
  fi
  if ! as_postgres "$bin/pg_ctl -D $dir/pg/data status" >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$bin/pg_ctl -D $dir/pg/data -l $dir/pg/server.log -w -o \"-p $PG_PORT -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=300\" start" >/dev/null \
      || { cat "$dir/pg/server.log"; die "PostgreSQL did not start"; }
  fi
  if ! as_postgres "$bin/psql -h $dir/pg -p $PG_PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname = 'contest'\"" | grep -q 1; then
    as_postgres "$bin/createdb -h $dir/pg -p $PG_PORT -U postgres contest"
  fi
}

start_redis() {
  mkdir -p "$dir/redis"
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then return; fi
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  # Append-only file, fsync every second: the production setting (see OPERATIONS.md).
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes --appendfsync everysec \
    --save '' --daemonize yes --pidfile "$dir/redis/redis.pid" --logfile "$dir/redis/redis.log"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
  cat "$dir/redis/redis.log"; die "Redis did not start"
}

build_app() {
  if [ -n "${CONTEST_CLUSTER_APP:-}" ]; then
    [ -f "$CONTEST_CLUSTER_APP/Contest.Web.dll" ] || die "no Contest.Web.dll in CONTEST_CLUSTER_APP=$CONTEST_CLUSTER_APP"
    app=$(cd "$CONTEST_CLUSTER_APP" && pwd)
    return
  fi
  app="$dir/app"
  log "publishing Contest.Web to $app"
  dotnet publish "$root/src/Contest.Web" -c Release -o "$app" -nologo -v q -clp:ErrorsOnly >"$dir/publish.log" 2>&1 \
    || { cat "$dir/publish.log"; die "dotnet publish failed"; }
}

start_node() {
  local name=$1 port; port=$(node_port "$1")
  local pid="$dir/$name/$name.pid"
  mkdir -p "$dir/$name" "$dir/logs"
  if alive "$pid"; then return; fi
  log "starting $name on 127.0.0.1:$port"
  local args=(--urls "http://127.0.0.1:$port")
  [ "$name" = node1 ] && [ "${CONTEST_CLUSTER_DEMO:-1}" = 1 ] && args+=(--seed-demo)
  (
    cd "$app"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1
    export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=contest"
    export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
    export Contest__DataDirectory="$dir/$name" Contest__NodeName="$name" Contest__AdminPassword="$ADMIN_PASSWORD"
    # setsid: the node outlives this script and the terminal or test that ran it.
    setsid nohup dotnet "$app/Contest.Web.dll" "${args[@]}" >>"$dir/logs/$name.log" 2>&1 </dev/null &
    echo $! >"$pid"
  )
  wait_healthy "http://127.0.0.1:$port/healthz" "$name" "$dir/logs/$name.log" "$pid"
}

wait_healthy() {
  local url=$1 what=$2 logfile=$3 pid=${4:-}
  for _ in $(seq 600); do
    if [ -n "$pid" ] && ! alive "$pid"; then tail -n 30 "$logfile"; die "$what exited"; fi
    curl -fsSk -o /dev/null "$url" 2>/dev/null && return   # -k: a test cluster's self-signed certificate
    sleep 0.1
  done
  tail -n 30 "$logfile"; die "$what did not become healthy at $url"
}

write_nginx_conf() {
  mkdir -p "$dir/nginx/tmp" "$dir/logs"
  local user=""
  if [ "$(id -u)" = 0 ]; then user="user nobody nogroup;"; chown -R nobody:nogroup "$dir/nginx/tmp"; fi
  cat >"$dir/nginx/nginx.conf" <<EOF
# Written by deploy/cluster.sh; the same shape as deploy/nginx.conf for real servers.
$user
worker_processes auto;
pid $dir/nginx/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
# Every proxied WebSocket holds two connections (player side and node side): 16,384 per worker covers
# 10,000 players even when one worker gets most of them (raise the open-files limit to match).
events { worker_connections 16384; }

http {
  access_log $dir/logs/nginx-access.log;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;

  # A browser without the cookie goes to either node; the node that answers is named in the
  # contest_node cookie, and later requests (the SignalR negotiate and its WebSocket) follow it.
  # If that node is down, its backup takes over and the cookie moves with the player.
  upstream contest_all   { server 127.0.0.1:$NODE1_PORT max_fails=1 fail_timeout=5s; server 127.0.0.1:$NODE2_PORT max_fails=1 fail_timeout=5s; }
  upstream contest_node1 { server 127.0.0.1:$NODE1_PORT max_fails=1 fail_timeout=5s; server 127.0.0.1:$NODE2_PORT backup; }
  upstream contest_node2 { server 127.0.0.1:$NODE2_PORT max_fails=1 fail_timeout=5s; server 127.0.0.1:$NODE1_PORT backup; }

  map \$cookie_contest_node \$contest_upstream { node1 contest_node1; node2 contest_node2; default contest_all; }
  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }

$(server_blocks)
    client_max_body_size 20m;

    location / {
      proxy_pass http://\$contest_upstream;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$http_host;        # with the port: the Origin check compares it
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout http_502 http_503;
      add_header Set-Cookie "contest_node=\$upstream_http_x_contest_node; Path=/; HttpOnly; SameSite=Lax${tls:+; Secure}" always;
$( [ -z "$tls" ] || echo '      add_header Strict-Transport-Security "max-age=31536000" always;   # here, not on the server: a location with add_header inherits none' )
    }
  }
}
EOF
}

# Plain HTTP, or (with a certificate) HTTPS plus an HTTP server that only redirects to it.
server_blocks() {
  if [ -z "$tls" ]; then
    printf '  server {\n    listen 127.0.0.1:%s;\n' "$HTTP_PORT"
    return
  fi
  cp "$CONTEST_CLUSTER_TLS_CERT" "$dir/nginx/tls.crt"
  cp "$CONTEST_CLUSTER_TLS_KEY" "$dir/nginx/tls.key"
  chmod 600 "$dir/nginx/tls.key"
  [ "$(id -u)" = 0 ] && chown root:root "$dir/nginx/tls.key"
  cat <<EOS
  server {
    listen 127.0.0.1:$HTTP_PORT;
    return 301 https://\$host:$HTTPS_PORT\$request_uri;
  }

  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $dir/nginx/tls.crt;
    ssl_certificate_key $dir/nginx/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:contest_tls:10m;
EOS
}

start_nginx() {
  write_nginx_conf
  local conf="$dir/nginx/nginx.conf"
  nginx -t -q -p "$dir/nginx" -c "$conf" 2>"$dir/logs/nginx-test.log" || { cat "$dir/logs/nginx-test.log"; die "bad nginx config"; }
  if alive "$dir/nginx/nginx.pid"; then nginx -p "$dir/nginx" -c "$conf" -s reload; return; fi
  log "starting nginx on 127.0.0.1:$HTTP_PORT"
  nginx -p "$dir/nginx" -c "$conf"
  if [ -n "$tls" ]; then wait_healthy "https://127.0.0.1:$HTTPS_PORT/healthz" nginx "$dir/logs/nginx-error.log"
  else wait_healthy "http://127.0.0.1:$HTTP_PORT/healthz" nginx "$dir/logs/nginx-error.log"; fi
}

up() {
  command -v dotnet >/dev/null || die "the .NET SDK is needed (dotnet)"
  install_packages
  load_env
  start_postgres
  start_redis
  build_app
  # One node at a time: the first applies the migrations (and the demo), the second finds them done.
  for n in "${nodes[@]}"; do start_node "$n"; done
  start_nginx
  echo
  if [ -n "$tls" ]; then echo "Contest cluster is up: https://127.0.0.1:$HTTPS_PORT/ (http://127.0.0.1:$HTTP_PORT/ redirects there)"
  else echo "Contest cluster is up: http://127.0.0.1:$HTTP_PORT/"; fi
  echo "  admin password: $ADMIN_PASSWORD (user admin)"
  echo "  data and logs:  $dir"
  echo "  stop with:      $0 down $dir"
}

status() {
  [ -f "$dir/cluster.env" ] || die "no cluster in $dir"
  load_env
  local bin; bin=$(pgbin); local rc=0
  if as_postgres "$bin/pg_ctl -D $dir/pg/data status" >/dev/null 2>&1; then echo "postgres  up      127.0.0.1:$PG_PORT"; else echo "postgres  down"; rc=1; fi
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then echo "redis     up      127.0.0.1:$REDIS_PORT"; else echo "redis     down"; rc=1; fi
  for n in "${nodes[@]}"; do
    local port; port=$(node_port "$n")
    if alive "$dir/$n/$n.pid"; then
      echo "$n     up      127.0.0.1:$port  pid $(cat "$dir/$n/$n.pid")  $(curl -s -m 3 "http://127.0.0.1:$port/healthz" | head -c 60)"
    else echo "$n     down"; rc=1; fi
  done
  if alive "$dir/nginx/nginx.pid"; then echo "nginx     up      http://127.0.0.1:$HTTP_PORT/"; else echo "nginx     down"; rc=1; fi
  return $rc
}

stop_pid() {
  local pidfile=$1
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

down() {
  [ -f "$dir/cluster.env" ] || die "no cluster in $dir"
  load_env
  if alive "$dir/nginx/nginx.pid"; then nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -s quit 2>/dev/null || true; fi
  for _ in $(seq 50); do alive "$dir/nginx/nginx.pid" || break; sleep 0.1; done
  stop_pid "$dir/nginx/nginx.pid"
  for n in "${nodes[@]}"; do stop_pid "$dir/$n/$n.pid"; done
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  local bin; bin=$(pgbin)
  as_postgres "$bin/pg_ctl -D $dir/pg/data -m fast -w stop" >/dev/null 2>&1 || true
  echo "Contest cluster stopped; data kept in $dir (remove the folder to start afresh)."
}

case "$cmd" in
  up) up ;;
  status) status ;;
  down) down ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
