#!/usr/bin/env bash
# The full test suite: lint, typecheck, unit, integration (real PostgreSQL/Redis/Kafka), build, e2e (six
# processes), chaos (short). Provisions its own infrastructure when TEST_INFRA is external (the default without Docker).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
LOG_TAG=test
cd "$ROOT"
declare -a PHASES=()
phase() {
  local name=$1; shift
  local t0; t0=$(now_ms)
  log "── $name"
  "$@"
  local dt=$(( $(now_ms) - t0 ))
  PHASES+=("$(awk -v n="$name" -v ms="$dt" 'BEGIN{printf "%-12s %7.1f s", n, ms/1000}')")
}
phase install ensure_node_modules
phase system-deps bash scripts/ensure-system-deps.sh
if [ "${TEST_INFRA:-}" != containers ]; then
  export TEST_INFRA=external
  phase infra bash scripts/infra-up.sh
fi
phase lint npm run -s lint
phase format npm run -s format
phase typecheck npm run -s typecheck
phase unit npx jest --selectProjects unit --ci
phase integration npx jest --selectProjects integration --runInBand --ci
phase build npx tsc -p tsconfig.build.json
phase e2e npx jest --selectProjects e2e --runInBand --ci
# The chaos suite in its short form: faults on private infrastructure (test/chaos), invariants checked — on
# one broker, then on a three-node cluster losing the group coordinator's broker.
phase chaos env CHAOS_SHORT=1 CHAOS_SCENARIOS=1,3 "${TSNODE[@]}" test/chaos/chaos.ts
log "phase timings:"
printf '  %s\n' "${PHASES[@]}"
