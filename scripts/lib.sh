# Shared helpers for the project's scripts (sourced).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TSNODE=(node -r ts-node/register/transpile-only -r tsconfig-paths/register)
log() { printf '[%s] %s\n' "${LOG_TAG:-platform}" "$*"; }
now_ms() { date +%s%3N; }
ensure_node_modules() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}
