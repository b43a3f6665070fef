#!/usr/bin/env bash
# Stops the five services started by scripts/up.sh, then the infrastructure the scripts started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
LOG_TAG=down
RUN="$ROOT/.infra/run"
for svc in gateway intake approval certificate evaluation supervision; do
  pidf="$RUN/$svc.pid"
  [ -f "$pidf" ] || continue
  pid=$(cat "$pidf")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "stopped $svc"
  fi
  rm -f "$pidf"
done
bash "$ROOT/scripts/infra-down.sh"
