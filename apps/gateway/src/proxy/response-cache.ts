/** A cached public answer: what the owning service said, and until when it may be reused. */
export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag?: string;
  expiresAt: number;
}

const MAX_AGE_RE = /(?:^|,)\s*max-age=(\d+)/i;

/**
 * A small shared cache of public answers at the edge: anonymous GETs whose service answered 200 with
 * `Cache-Control: public, max-age=N` (the catalog, the signing keys) are served from memory for N seconds
 * (at most `maxSeconds`), with 304 for a matching If-None-Match. Authenticated requests, other methods and
 * private answers are never cached. Bounded by entries and bytes; the oldest entry goes first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(private readonly opts: { maxEntries: number; maxBytes: number; maxSeconds: number }) {}

  get(key: string, now = Date.now()): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    return e;
  }

  /** Stores the answer when it is cacheable; returns whether it did. */
  offer(
    key: string,
    status: number,
    headers: Record<string, string>,
    body: Buffer,
    now = Date.now(),
  ): boolean {
    const cc = headers['cache-control'] ?? '';
    const m = MAX_AGE_RE.exec(cc);
    if (status !== 200 || !/(^|,)\s*public\s*(,|$)/i.test(cc) || !m || this.opts.maxSeconds === 0) {
      return false;
    }
    const seconds = Math.min(Number(m[1]), this.opts.maxSeconds);
    if (seconds <= 0 || body.length > this.opts.maxBytes / 10) return false;
    this.delete(key);
    while (this.entries.size >= this.opts.maxEntries || this.bytes + body.length > this.opts.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    this.entries.set(key, { status, headers, body, etag: headers.etag, expiresAt: now + seconds * 1000 });
    this.bytes += body.length;
    return true;
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length;
    this.entries.delete(key);
  }
}
