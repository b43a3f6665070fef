# One image for all five apps; APP selects which one runs.
#   docker build --build-arg APP=gateway -t gov-platform/gateway .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.dist.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# CJK font embedded in licence PDFs (certificate); curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei curl \
 && rm -rf /var/lib/apt/lists/*
ARG APP=gateway
# Memory (README Performance): two glibc malloc arenas instead of up to 8 per core, whose freed memory stays
# in the process; V8's old generation limited to SERVICE_HEAP_MB (a service holds 40-55 MB live; unbounded,
# garbage piled up to 280-400 MiB RSS under load). Raise it with the container's memory limit.
ENV APP=${APP} NODE_ENV=production HOST=0.0.0.0 TS_NODE_PROJECT=/app/tsconfig.dist.json \
    MALLOC_ARENA_MAX=2 SERVICE_HEAP_MB=128
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json /app/tsconfig.dist.json ./
# The supervision dashboard's static page (served by the gateway from the source tree's public/ folder).
COPY --from=build /app/apps/gateway/src/dashboard/public ./apps/gateway/src/dashboard/public
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD curl -fsS "http://127.0.0.1:${PORT:-3000}/health/live" || exit 1
CMD ["sh", "-c", "exec node --max-old-space-size=${SERVICE_HEAP_MB:-128} -r tsconfig-paths/register dist/apps/${APP}/src/main.js"]
