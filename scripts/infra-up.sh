#!/usr/bin/env bash
# Local infrastructure without Docker, idempotent:
#  - PostgreSQL and Redis of the machine (started if installed but stopped), one database per service;
#  - a real Apache Kafka 3.9.1 broker (KRaft, single node, 127.0.0.1:9092) from the Maven Central jars, or
#    with KAFKA_NODES=3 a three-node cluster (scripts/kafka-node.sh);
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
for svc in intake approval certificate evaluation supervision gateway; do
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
# KAFKA_NODES=3 starts a three-node KRaft cluster (ports KAFKA_PORT, +10, +20; replication factor 3,
# min.insync.replicas 2) instead of the single node.
NODES="${KAFKA_NODES:-1}"
if [ "$NODES" -gt 1 ] && [ -z "${KAFKA_BROKERS:-}" ]; then
  BROKERS=""
  for i in $(seq 1 "$NODES"); do BROKERS+="${BROKERS:+,}127.0.0.1:$((KPORT + 10 * (i - 1)))"; done
fi
broker_answers() { KAFKA_BROKERS="$BROKERS" "${TSNODE[@]}" scripts/kafka-ready.ts --once >/dev/null 2>&1; }
if grep -qa 'kafka\.Kafka' "/proc/$(cat "$KDIR/node-1/kafka.pid" 2>/dev/null || echo none)/cmdline" 2>/dev/null; then
  log "Kafka already running (pid $(cat "$KDIR/node-1/kafka.pid"))"
elif (exec 3<>/dev/tcp/127.0.0.1/"$KPORT") 2>/dev/null && broker_answers; then
  log "a Kafka broker already answers on $KPORT: reusing it"
else
  log "starting Kafka 3.9.1 (KRaft, $NODES node(s)) from $KPORT"
  for i in $(seq 1 "$NODES"); do bash scripts/kafka-node.sh start "$KDIR" "$i" "$NODES" "$KPORT"; done
fi
KAFKA_BROKERS="$BROKERS" "${TSNODE[@]}" scripts/kafka-ready.ts --timeout "${KAFKA_READY_TIMEOUT:-90}" --nodes "$NODES"
RF=1; [ "$NODES" -ge 3 ] && RF=3
KAFKA_BROKERS="$BROKERS" KAFKA_REPLICATION_FACTOR="${KAFKA_REPLICATION_FACTOR:-$RF}" "${TSNODE[@]}" scripts/create-topics.ts
log "infrastructure ready in $(( $(date +%s) - t0 )) s (Kafka: $BROKERS)"
