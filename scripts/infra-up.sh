#!/usr/bin/env bash
# Local infrastructure without Docker, idempotent:
#  - PostgreSQL and Redis of the machine (started if installed but stopped), one database per service;
#  - a real Apache Kafka 3.9.1 broker (KRaft, single node, 127.0.0.1:9092) from the Maven Central jars;
#  - every topic and its .dlq with explicit partition counts.
# A broker that already answers is reused. scripts/infra-down.sh stops only what this script started.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
log() { echo "[infra] $*"; }
STATE="$ROOT/.infra"
# KAFKA_PORT (default 9092) lets several brokers run side by side (the controller listens on KAFKA_PORT+1),
# e.g. one per working copy; each keeps its own state directory, the jars are shared.
KPORT="${KAFKA_PORT:-9092}"
KCTRL=$((KPORT + 1))
if [ "$KPORT" = 9092 ]; then KDIR="$STATE/kafka"; else KDIR="$STATE/kafka-$KPORT"; fi
KLIBS="$STATE/kafka/libs"
mkdir -p "$KDIR" "$STATE/kafka"
BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KPORT}"
PGHOST="${PGHOST:-127.0.0.1}"
TSNODE=(node -r ts-node/register/transpile-only -r tsconfig-paths/register)
t0=$(date +%s)

# ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────────────
if ! pg_isready -h "$PGHOST" -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    touch "$STATE/started-postgres.flag"
    for _ in $(seq 1 60); do pg_isready -h "$PGHOST" -q && break; sleep 0.5; done
  fi
  pg_isready -h "$PGHOST" -q || { log "PostgreSQL is not reachable on $PGHOST:5432"; exit 1; }
fi
for svc in intake approval certificate evaluation; do
  db="gov_${svc}${DB_SUFFIX:-}"
  if ! psql -h "$PGHOST" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    psql -h "$PGHOST" -U postgres -qc "CREATE DATABASE \"$db\"" && log "created database $db"
  fi
done
log "PostgreSQL ready"

# ── Redis ───────────────────────────────────────────────────────────────────────────────────────────────
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  touch "$STATE/started-redis.flag"
  for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.25; done
fi
redis-cli -h 127.0.0.1 ping >/dev/null || { log "Redis is not reachable on 127.0.0.1:6379"; exit 1; }
log "Redis ready"

# ── Kafka ───────────────────────────────────────────────────────────────────────────────────────────────
broker_answers() { "${TSNODE[@]}" scripts/kafka-ready.ts --once >/dev/null 2>&1; }
if [ -f "$KDIR/kafka.pid" ] && kill -0 "$(cat "$KDIR/kafka.pid")" 2>/dev/null; then
  log "Kafka broker already running (pid $(cat "$KDIR/kafka.pid"))"
elif (exec 3<>/dev/tcp/127.0.0.1/"$KPORT") 2>/dev/null && KAFKA_BROKERS="$BROKERS" broker_answers; then
  log "a Kafka broker already answers on $KPORT: reusing it"
else
  if ! ls "$KLIBS"/kafka_2.13-*.jar >/dev/null 2>&1; then
    log "resolving Kafka jars from Maven Central (cached in ~/.m2)"
    mvn -B -q -f infra/kafka/pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KLIBS"
  fi
  mkdir -p "$KDIR/data"
  sed -e "s#@LOG_DIRS@#$KDIR/data#" -e "s#:9092#:$KPORT#g" -e "s#:9093#:$KCTRL#g" \
    infra/kafka/server.properties >"$KDIR/server.properties"
  LOG4J="-Dlog4j.configuration=file:$ROOT/infra/kafka/log4j.properties"
  if [ ! -f "$KDIR/data/meta.properties" ]; then
    CLUSTER_ID=$(java $LOG4J -cp "$KLIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    if ! [[ "$CLUSTER_ID" =~ ^[A-Za-z0-9_-]{22}$ ]]; then
      log "could not generate a Kafka cluster id (got: $CLUSTER_ID)"
      exit 1
    fi
    java $LOG4J -cp "$KLIBS/*" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$KDIR/server.properties" >/dev/null
    log "formatted KRaft storage (cluster $CLUSTER_ID)"
  fi
  log "starting Kafka 3.9.1 (KRaft) on 127.0.0.1:$KPORT"
  nohup java -Xms256m -Xmx512m -XX:+UseG1GC $LOG4J -cp "$KLIBS/*" kafka.Kafka "$KDIR/server.properties" >"$KDIR/kafka.log" 2>&1 &
  echo $! >"$KDIR/kafka.pid"
fi
KAFKA_BROKERS="$BROKERS" "${TSNODE[@]}" scripts/kafka-ready.ts --timeout "${KAFKA_READY_TIMEOUT:-90}"
KAFKA_BROKERS="$BROKERS" "${TSNODE[@]}" scripts/create-topics.ts
log "infrastructure ready in $(( $(date +%s) - t0 )) s"
