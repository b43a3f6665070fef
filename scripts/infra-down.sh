#!/usr/bin/env bash
# Stops only what scripts/infra-up.sh started: the Kafka broker (by pid file), and PostgreSQL/Redis only if
# it had to start them itself.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="$ROOT/.infra"
log() { echo "[infra] $*"; }
KPORT="${KAFKA_PORT:-9092}"
if [ "$KPORT" = 9092 ]; then KDIR="$STATE/kafka"; else KDIR="$STATE/kafka-$KPORT"; fi
for node in "$KDIR"/node-*; do
  [ -f "$node/kafka.pid" ] || continue
  pid=$(cat "$node/kafka.pid")
  bash "$ROOT/scripts/kafka-node.sh" stop "$KDIR" "${node##*-}"
  log "stopped Kafka node ${node##*-} (pid $pid)"
done
# A broker started by an earlier version of infra-up.sh (single node, pid file in the state directory).
PIDF="$KDIR/kafka.pid"
if [ -f "$PIDF" ]; then
  pid=$(cat "$PIDF")
  if grep -qa 'kafka\.Kafka' "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "broker did not stop in 30 s: killing"; kill -KILL "$pid"; }
    log "stopped Kafka (pid $pid)"
  fi
  rm -f "$PIDF"
fi
if [ -f "$STATE/started-redis.flag" ]; then redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true; rm -f "$STATE/started-redis.flag"; log "stopped Redis"; fi
if [ -f "$STATE/started-postgres.flag" ]; then pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main stop || true; rm -f "$STATE/started-postgres.flag"; log "stopped PostgreSQL"; fi
