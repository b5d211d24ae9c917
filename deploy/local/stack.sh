#!/usr/bin/env bash
# Local servers of the "stack" profile: PostgreSQL 15, RabbitMQ and Keycloak 26, loopback only,
# all data under var/stack/ (see docs/development.md).
#
#   deploy/local/stack.sh up|down|status|env
#   deploy/local/stack.sh rabbit-stop|rabbit-start|rabbit-kill   (broker outage tests)
#   deploy/local/stack.sh rabbitmqctl ARGS...                    (CLI bound to our node)
#   deploy/local/stack.sh psql [ARGS...]                         (superuser shell)
#
# Safe to run twice, after a crash (stale pid files) and on a fresh Debian 12
# (run deploy/local/setup.sh first, or let `up` install what is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK="$ROOT/var/stack"
REALM_FILE="$ROOT/identity/keycloak/realm-epimorfosi.json"
THEMES_DIR="$ROOT/identity/keycloak/themes"   # the login theme `epimorfosi`, read in place

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=55432
PG_DIR="$STACK/pg"                 # owned by postgres when we run as root
PGDATA="$PG_DIR/data"
PG_DATABASES=(identity resources applications enrollment documents keycloak)

RMQ_DIR="$STACK/rabbitmq"
RMQ_NODE=epimorfosi@localhost
RMQ_PORT=5673
RMQ_SBIN=/usr/lib/rabbitmq/bin     # the real scripts; /usr/sbin/* are wrappers that `su rabbitmq`

KC_VERSION=26.5.6
KC_CACHE="$HOME/.cache/epimorfosi"
KC_HOME="$KC_CACHE/keycloak-$KC_VERSION"
KC_DIR="$STACK/keycloak"
KC_PORT=8180
KC_MGMT_PORT=9180
KC_URL="http://127.0.0.1:$KC_PORT"
KC_WAIT=180

log() { echo "stack: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Python is needed anyway (venv); it replaces curl, which a minimal Debian does not have.
PY="$ROOT/.venv/bin/python"; [ -x "$PY" ] || PY=python3
http_ok() {  # http_ok URL -> 0 when the URL answers 2xx
  "$PY" - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=3).status < 300 else 1)
except Exception:
    sys.exit(1)
EOF
}

# A process group is "ours" when one of its members' command line or environment contains a
# marker (guards
# against pid reuse after a reboot or crash).  Every long-running server is started with
# setsid, so its group id is the pid we recorded and `kill -- -PGID` reaches its children too.
group_alive() {  # group_alive PGID MARKER
  local pgid="$1" marker="$2" p stat rest
  [ -n "$pgid" ] || return 1
  for p in /proc/[0-9]*; do
    read -r stat 2>/dev/null < "$p/stat" || continue
    rest="${stat##*) }"                       # fields after "(comm)"; comm may contain spaces
    set -- $rest
    [ "${3:-}" = "$pgid" ] || continue
    grep -qazF -- "$marker" "$p/cmdline" "$p/environ" 2>/dev/null && return 0
  done
  return 1
}

stop_group() {  # stop_group PGID NAME SECONDS: TERM, wait, then KILL
  local pgid="$1" name="$2" secs="$3" i
  kill -TERM "$pgid" 2>/dev/null || kill -TERM -- "-$pgid" 2>/dev/null || true
  for ((i = 0; i < secs * 2; i++)); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "$name did not stop in ${secs}s, killing"
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

need_packages() {
  [ -x "$PG_BIN/initdb" ] && [ -x "$RMQ_SBIN/rabbitmq-server" ] && command -v java >/dev/null \
    && command -v unzip >/dev/null && return 0
  log "some Debian packages are missing, running setup.sh"
  "$ROOT/deploy/local/setup.sh"
}

# ============================== PostgreSQL ==============================================
as_pg() {  # initdb refuses to run as root: run the cluster as the postgres OS user then
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_pid() { head -n1 "$PGDATA/postmaster.pid" 2>/dev/null || true; }
pg_running() {  # the pid in postmaster.pid is a live postgres (not a zombie, not a reused pid)
  local pid stat; pid="$(pg_pid)"
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] || return 1
  read -r stat 2>/dev/null < "/proc/$pid/stat" || return 1
  stat="${stat##*) }"; [ "${stat%% *}" != Z ]
}
psql_su() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U epimorfosi "$@"; }

pg_up() {
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    rm -rf "$PGDATA"                          # a half-finished initdb is not reusable
    log "postgres: initdb $PGDATA"
    as_pg "$PG_BIN/initdb" -D "$PGDATA" -U epimorfosi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Loopback only, no password: a throw-away test cluster.
    printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' 'host all all ::1/128 trust' \
      | as_pg tee "$PGDATA/pg_hba.conf" >/dev/null
  fi
  if pg_running; then
    log "postgres: already running (pid $(pg_pid))"
  else
    rm -f "$PGDATA/postmaster.pid"             # stale after a crash
    local t0=$SECONDS
    # Settings are given at every start (not written once at initdb) so changes here apply.
    # No Unix socket: clients use 127.0.0.1, and /var/run/postgresql may not exist.
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_DIR/postgres.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='' \
       -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
      || { tail -n 30 "$PG_DIR/postgres.log" >&2; die "postgres did not start"; }
    log "postgres: started on 127.0.0.1:$PG_PORT in $((SECONDS - t0))s"
  fi
  local db sql=""
  for db in "${PG_DATABASES[@]}"; do
    sql+="SELECT 'CREATE DATABASE $db' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\\gexec"$'\n'
  done
  psql_su -d postgres <<<"$sql"
}

pg_down() {
  if pg_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
    log "postgres: stopped"
  else
    rm -f "$PGDATA/postmaster.pid"
    log "postgres: not running"
  fi
}

pg_status() {
  if pg_running; then echo "postgres  running  pid $(pg_pid)  postgresql://epimorfosi@127.0.0.1:$PG_PORT"
  else echo "postgres  stopped"; return 1; fi
}

# ============================== RabbitMQ ================================================
rmq_env() {
  export RABBITMQ_NODENAME="$RMQ_NODE" RABBITMQ_USE_LONGNAME=false
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RMQ_PORT RABBITMQ_DIST_PORT=25673
  export RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia" RABBITMQ_LOG_BASE="$RMQ_DIR/log"
  export RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
  export RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"   # ignore /etc/rabbitmq/rabbitmq-env.conf
  export RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"              # written by the Erlang VM itself
  export ERL_CRASH_DUMP="$RMQ_DIR/log/erl_crash.dump"
  export ERL_EPMD_ADDRESS=127.0.0.1                           # epmd (port 4369) on loopback too
  # Erlang distribution (25673, and the CLI's ephemeral ports) on loopback only.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# Server and CLI authenticate with the Erlang cookie in $HOME/.erlang.cookie (/root/.erlang.cookie
# as root). We run both as the current user with the same HOME, so they always agree. When the
# cookie does not exist yet we copy the Debian service's one, so that the distro wrapper
# /usr/sbin/rabbitmqctl (which switches to user rabbitmq) can reach our node as well.
rmq_cookie() {
  local c="$HOME/.erlang.cookie"
  [ -s "$c" ] && return 0
  if [ -r /var/lib/rabbitmq/.erlang.cookie ]; then cp /var/lib/rabbitmq/.erlang.cookie "$c"
  else LC_ALL=C tr -dc 'A-Z' < /dev/urandom | head -c 20 > "$c"; fi
  chmod 400 "$c"
}

ctl() { rmq_env; "$RMQ_SBIN/rabbitmqctl" -n "$RMQ_NODE" "$@"; }
rmq_pgid() { cat "$RMQ_DIR/server.pgid" 2>/dev/null || true; }
rmq_running() { group_alive "$(rmq_pgid)" "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia"; }

rabbit_up() {
  rmq_env; rmq_cookie
  mkdir -p "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  # Written at every start so edits here take effect. Guest may log in from loopback only
  # (RabbitMQ's default loopback_users), which is all we listen on.
  cat > "$RABBITMQ_CONFIG_FILE" <<EOF
listeners.tcp.1 = 127.0.0.1:$RMQ_PORT
loopback_users.guest = true
log.file.level = info
log.console = false
EOF
  echo '[].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  echo '[].' > "$RABBITMQ_ADVANCED_CONFIG_FILE"
  : > "$RABBITMQ_CONF_ENV_FILE"
  if rmq_running; then
    log "rabbitmq: already running (node $RMQ_NODE)"
  else
    rm -f "$RABBITMQ_PID_FILE" "$RMQ_DIR/server.pgid"
    local t0=$SECONDS
    # Foreground mode under setsid: the rabbitmq-server script stays as a proxy that turns
    # SIGTERM into a clean shutdown, and the whole group can be found again by its pgid.
    setsid nohup "$RMQ_SBIN/rabbitmq-server" >> "$RMQ_DIR/log/startup.log" 2>&1 < /dev/null &
    echo $! > "$RMQ_DIR/server.pgid"
    local i ok=""
    for ((i = 0; i < 24; i++)); do          # await_startup fails fast while the node is not up
      if ctl await_startup --timeout 10 >/dev/null 2>&1; then ok=1; break; fi
      rmq_running || break
      sleep 1
    done
    if [ -z "$ok" ]; then
      tail -n 40 "$RMQ_DIR/log/startup.log" "$RMQ_DIR/log/$RMQ_NODE.log" >&2 2>/dev/null || true
      die "rabbitmq did not start"
    fi
    log "rabbitmq: started on 127.0.0.1:$RMQ_PORT in $((SECONDS - t0))s"
  fi
}

rabbit_down() {
  rmq_env
  if rmq_running; then
    # `stop PIDFILE` returns once the VM has exited; durable queues and persistent messages
    # are on disk by then. Fall back to signals when the node is unreachable.
    ctl stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1 || stop_group "$(rmq_pgid)" rabbitmq 60
    stop_group "$(rmq_pgid)" rabbitmq 30   # the proxy script exits right after the VM
    log "rabbitmq: stopped"
  else
    log "rabbitmq: not running"
  fi
  rm -f "$RABBITMQ_PID_FILE" "$RMQ_DIR/server.pgid"
}

rabbit_kill() {  # simulate a crash: SIGKILL the whole broker, no clean shutdown
  rmq_env
  if rmq_running; then kill -KILL -- "-$(rmq_pgid)"; log "rabbitmq: killed"; else log "rabbitmq: not running"; fi
  rm -f "$RABBITMQ_PID_FILE" "$RMQ_DIR/server.pgid"
}

rabbit_status() {
  if rmq_running; then echo "rabbitmq  running  pid $(cat "$RMQ_DIR/rabbitmq.pid" 2>/dev/null || echo '?')  amqp://127.0.0.1:$RMQ_PORT  node $RMQ_NODE"
  else echo "rabbitmq  stopped"; return 1; fi
}

# ============================== Keycloak ================================================
kc_install() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  local zip="$KC_CACHE/keycloak-quarkus-dist-$KC_VERSION.zip"
  mkdir -p "$KC_CACHE"
  if [ ! -s "$zip" ]; then
    log "keycloak: downloading $KC_VERSION with maven"
    # Run from an empty dir so no pom.xml around us is picked up.
    (cd "$(mktemp -d)" && mvn -q -B dependency:copy \
       -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$KC_CACHE")
  fi
  local tmp; tmp="$(mktemp -d "$KC_CACHE/.unzip.XXXXXX")"
  unzip -q "$zip" -d "$tmp"
  mv "$tmp/keycloak-$KC_VERSION" "$KC_HOME"   # atomic: a half-unzipped home is never used
  rm -rf "$tmp"
}

kc_pgid() { cat "$KC_DIR/keycloak.pid" 2>/dev/null || true; }
kc_running() { group_alive "$(kc_pgid)" "$KC_HOME"; }

# Keycloak reads the realm file once (import) and caches the theme (production mode): a change
# of either needs a restart. Only a realm change also recreates the database.
realm_sum() { sha256sum < "$REALM_FILE" | cut -d' ' -f1; }
theme_sum() {  # names and contents of every file under the themes directory
  (cd "$THEMES_DIR" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

kc_up() {
  kc_install
  mkdir -p "$KC_DIR"
  [ -f "$REALM_FILE" ] || die "missing $REALM_FILE"
  [ -d "$THEMES_DIR/epimorfosi" ] || die "missing $THEMES_DIR/epimorfosi"
  local issuer_doc="$KC_URL/realms/epimorfosi/.well-known/openid-configuration"
  if kc_running && [ "$(cat "$KC_DIR/realm.sha256" 2>/dev/null)" = "$(realm_sum)" ] \
      && [ "$(cat "$KC_DIR/theme.sha256" 2>/dev/null)" = "$(theme_sum)" ]; then
    log "keycloak: already running (pid $(kc_pgid))"
  else
    if kc_running; then log "keycloak: realm file or theme changed, restarting"; kc_down; fi
    kc_start "$issuer_doc"
  fi
  http_ok "$issuer_doc" || die "keycloak runs but $issuer_doc does not answer"
}

kc_start() {  # kc_start ISSUER_DOC: start Keycloak and wait until the realm answers
  local issuer_doc="$1" sum theme
  rm -f "$KC_DIR/keycloak.pid"
  # --import-realm only imports realms that do not exist yet. The realm file is the source
  # of truth, so when it changed since the last import we start from an empty database.
  sum="$(realm_sum)"; theme="$(theme_sum)"
  if [ "$(cat "$KC_DIR/realm.sha256" 2>/dev/null)" != "$sum" ]; then
    log "keycloak: realm file is new or changed, recreating database keycloak"
    psql_su -d postgres -c 'DROP DATABASE IF EXISTS keycloak WITH (FORCE)' -c 'CREATE DATABASE keycloak'
  fi
  # --import-realm reads $KC_HOME/data/import, and only files named <realm>-realm.json.
  mkdir -p "$KC_HOME/data/import"
  rm -f "$KC_HOME/data/import/"*.json
  cp "$REALM_FILE" "$KC_HOME/data/import/epimorfosi-realm.json"

  local t0=$SECONDS
  # Production mode (`start`), plain HTTP on loopback, fixed issuer, local caches (no
  # clustering: the default 'ispn' cache would open JGroups ports), data in PostgreSQL.
  # The first start also runs the (cached) build of these build-time options. The themes are
  # read from this checkout (a runtime option: no rebuild, and $KC_HOME stays pristine).
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" \
  setsid nohup "$KC_HOME/bin/kc.sh" start \
    --db=postgres --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" \
    --db-username=epimorfosi --db-password=unused-trust-auth --db-pool-max-size=20 \
    --cache=local --health-enabled=true --metrics-enabled=true \
    --http-enabled=true --http-host=127.0.0.1 --http-port=$KC_PORT \
    --http-management-port=$KC_MGMT_PORT \
    --hostname="$KC_URL" \
    --spi-theme--folder--dir="$THEMES_DIR" \
    --import-realm \
    > "$KC_DIR/keycloak.log" 2>&1 < /dev/null &
  echo $! > "$KC_DIR/keycloak.pid"
  local ok=""
  while ((SECONDS - t0 < KC_WAIT)); do
    if http_ok "$issuer_doc"; then ok=1; break; fi
    kc_running || break
    sleep 2
  done
  if [ -z "$ok" ]; then
    tail -n 60 "$KC_DIR/keycloak.log" >&2
    kc_running && stop_group "$(kc_pgid)" keycloak 30
    rm -f "$KC_DIR/keycloak.pid"
    die "keycloak did not answer $issuer_doc within ${KC_WAIT}s (log: $KC_DIR/keycloak.log)"
  fi
  echo "$sum" > "$KC_DIR/realm.sha256"
  echo "$theme" > "$KC_DIR/theme.sha256"
  log "keycloak: started on $KC_URL in $((SECONDS - t0))s"
}

kc_down() {
  if kc_running; then stop_group "$(kc_pgid)" keycloak 60; log "keycloak: stopped"
  else log "keycloak: not running"; fi
  rm -f "$KC_DIR/keycloak.pid"
}

kc_status() {
  if kc_running; then
    local ready=starting
    http_ok "http://127.0.0.1:$KC_MGMT_PORT/health/ready" && ready=ready
    echo "keycloak  running  pid $(kc_pgid)  $KC_URL ($ready)"
  else echo "keycloak  stopped"; return 1; fi
}

# ============================== commands ================================================
print_env() {
  cat <<EOF
export EPI_STACK=1
export EPI_PG_URL_BASE=postgresql+psycopg://epimorfosi@127.0.0.1:$PG_PORT
export EPI_BROKER_URL=amqp://guest:guest@127.0.0.1:$RMQ_PORT//
export EPI_OIDC_ISSUER=$KC_URL/realms/epimorfosi
export EPI_OIDC_AUDIENCE=epimorfosi-api
export EPI_KEYCLOAK_URL=$KC_URL
export EPI_KEYCLOAK_ADMIN=admin
export EPI_KEYCLOAK_ADMIN_PASSWORD=admin
EOF
}

cmd="${1:-}"; [ $# -eq 0 ] || shift
case "$cmd" in
  up)           need_packages; pg_up; rabbit_up; kc_up; log "stack is up; load it with: eval \"\$($0 env)\"" ;;
  down)         kc_down; rabbit_down; pg_down ;;   # Keycloak first: it holds PostgreSQL connections
  status)       rc=0; pg_status || rc=1; rabbit_status || rc=1; kc_status || rc=1; exit $rc ;;
  env)          print_env ;;
  rabbit-stop)  rabbit_down ;;
  rabbit-start) rabbit_up ;;
  rabbit-kill)  rabbit_kill ;;
  rabbitmqctl)  ctl "$@" ;;
  psql)         psql_su -d postgres "$@" ;;
  *) echo "usage: $0 up|down|status|env|rabbit-stop|rabbit-start|rabbit-kill|rabbitmqctl ARGS|psql ARGS" >&2; exit 2 ;;
esac
