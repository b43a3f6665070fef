/**
 * The Unix-socket directory of a `DATABASE_URL` in libpq's form `postgres://user@/db?host=/var/run/postgresql`
 * (pg reads it; TypeORM's own URL parsing drops the query, so it is handed to the pool as `host`). A local
 * PostgreSQL answers a round trip over its socket with about a quarter less CPU on both sides than over
 * TCP loopback (`npm run up` uses it when the socket is there; README Performance).
 */
export function pgSocketDir(url: string): string | undefined {
  // Not WHATWG's URL: it refuses libpq's empty host (`user@/db`).
  const query = url.indexOf('?');
  const host = query < 0 ? null : new URLSearchParams(url.slice(query + 1)).get('host');
  return host?.startsWith('/') ? host : undefined;
}

/** TypeORM's connection options for `url`, a socket directory included. */
export function connectionOf(url: string): { url: string; extra: { host?: string } } {
  const host = pgSocketDir(url);
  return { url, extra: host ? { host } : {} };
}
