#!/usr/bin/env bash
# Starts the whole platform locally without Docker: infrastructure (PostgreSQL, Redis, a real Kafka broker),
# then the six services from compiled JS, each as its own process with logs in .infra/run/.
# Stop everything with: npm run down
set -euo pipefail
source "$(dirname "$0")/lib.sh"
LOG_TAG=up
cd "$ROOT"
ensure_node_modules
bash scripts/ensure-system-deps.sh
bash scripts/infra-up.sh
log "building (tsc)"
npx tsc -p tsconfig.build.json
"${TSNODE[@]}" scripts/dev-secrets.ts
# shellcheck disable=SC1091
source .infra/dev/env.sh
RUN="$ROOT/.infra/run"
mkdir -p "$RUN"
export NODE_ENV=development LOG_LEVEL="${LOG_LEVEL:-info}" KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}" TS_NODE_PROJECT="$ROOT/tsconfig.dist.json"
# A local PostgreSQL is reached over its Unix socket (a round trip costs about a quarter less CPU than over
# TCP loopback); DATABASE_BASE_URL (e.g. postgres://postgres@127.0.0.1:5432) chooses TCP or another server.
PG_SOCKET_DIR="${PG_SOCKET_DIR:-/var/run/postgresql}"
if [ -z "${DATABASE_BASE_URL:-}" ] && [ -S "$PG_SOCKET_DIR/.s.PGSQL.5432" ] &&
  psql -h "$PG_SOCKET_DIR" -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
  PG="postgres://postgres@" PG_QUERY="?host=$PG_SOCKET_DIR"
else
  PG="${DATABASE_BASE_URL:-postgres://postgres@127.0.0.1:5432}" PG_QUERY=""
fi
# MALLOC_ARENA_MAX=2 (also in the Dockerfile): glibc gives every thread that allocates (libuv's pool, V8's
# helpers, the licence workers) an arena of its own, up to 8 per core, and freed memory stays behind in each.
# SERVICE_HEAP_MB=128 (also in the Dockerfile): V8's old-generation limit. A service holds 40-55 MB live after
# the pipeline bench; unbounded, V8 let garbage pile up to 280-400 MiB RSS under load before collecting it.
# SERVICE_NODE_ARGS: extra node flags for every service (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile
# a benchmark; node refuses --cpu-prof in NODE_OPTIONS).
declare -A PORTS=([gateway]=3000 [intake]=3001 [approval]=3002 [certificate]=3003 [evaluation]=3004 [supervision]=3005)
start() {
  local svc=$1
  local pidf="$RUN/$svc.pid"
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then log "$svc already running (pid $(cat "$pidf"))"; return; fi
  # Every service has its own database, the gateway too (partner webhooks: gov_gateway).
  env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" DATABASE_URL="$PG/gov_$svc$PG_QUERY" PORT="${PORTS[$svc]}" \
    KAFKA_CLIENT_ID="$svc" KAFKA_GROUP_ID="$svc" \
    nohup node --max-old-space-size="${SERVICE_HEAP_MB:-128}" ${SERVICE_NODE_ARGS:-} -r tsconfig-paths/register "dist/apps/$svc/src/main.js" >"$RUN/$svc.log" 2>&1 &
  echo $! >"$pidf"
  log "started $svc (pid $!, port ${PORTS[$svc]}, log .infra/run/$svc.log)"
}
for svc in intake approval certificate evaluation supervision gateway; do start "$svc"; done
deadline=$(( $(date +%s) + ${READY_TIMEOUT:-120} ))
for svc in intake approval certificate evaluation supervision gateway; do
  until curl -fsS "http://127.0.0.1:${PORTS[$svc]}/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$RUN/$svc.pid")" 2>/dev/null; then log "$svc died; last log lines:"; tail -20 "$RUN/$svc.log"; exit 1; fi
    if [ "$(date +%s)" -gt "$deadline" ]; then log "$svc not ready in time; last log lines:"; tail -20 "$RUN/$svc.log"; exit 1; fi
    sleep 0.5
  done
  log "$svc ready"
done
cat <<MSG

  一网通办 platform is up.
    Public API (gateway):  http://127.0.0.1:3000/api/v1/items
    Swagger UI:            http://127.0.0.1:3000/docs   (OpenAPI: /docs-json)
    Internal services:     intake :3001  approval :3002  certificate :3003  evaluation :3004  supervision :3005
    A token to try it:     npm run token -- applicant   (clerk | approver | admin | partner)
    Stop everything:       npm run down

MSG
