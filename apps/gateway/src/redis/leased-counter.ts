/** Adds `amount` to a window's shared counter and answers the new total (Redis INCRBY). */
export type IncrementBy = (key: string, amount: number) => Promise<number>;

/** At most this share of a bucket's limit is leased at once, so the count errs by at most 1 % per replica. */
export const LEASE_SHARE_OF_LIMIT = 100;
/** No lease above this many requests, whatever the limit. */
export const MAX_LEASE = 1000;
/** Buckets with a lease kept in one window; beyond this, new buckets count one request per call. */
export const MAX_BUCKETS = 50_000;

/** The numbers `next..end` of a bucket's window count, reserved in the shared counter by this process. */
interface Lease {
  next: number;
  end: number;
  /** Size of the last reservation; the next one is twice as large, up to the bucket's cap. */
  size: number;
  reserving?: Promise<void>;
}

/** The largest lease for a bucket of `limit` requests per window: exact (1) for small limits. */
export const leaseCap = (limit: number): number =>
  Math.max(1, Math.min(MAX_LEASE, Math.floor(limit / LEASE_SHARE_OF_LIMIT)));

/**
 * Counts requests in fixed windows against a shared counter without one round trip per request: a busy
 * bucket reserves a run of numbers at once (INCRBY size) and hands them out locally, each in turn. The
 * first reservation of a bucket in a window is one number and each further one doubles, up to
 * `leaseCap(limit)`, so a client making a few requests is counted exactly and a busy one costs one
 * round trip per hundreds of requests. What a lease reserved and this process did not hand out before the
 * window ended is counted but unused: with R replicas a bucket can be refused up to R × 1 % of its
 * limit early, never let past it. Once a bucket's numbers pass its limit the rest of its window is refused
 * here without asking again (the count only grows within a window).
 */
export class LeasedCounter {
  private leases = new Map<string, Lease>();
  private window = Number.NaN;

  constructor(
    private readonly incrementBy: IncrementBy,
    private readonly maxBuckets = MAX_BUCKETS,
  ) {}

  /**
   * This request's number in its bucket's window (1-based; above `limit` means refused). `window`
   * identifies the current window: leases of an earlier one are dropped. Rejects when the shared counter
   * does (the caller decides to fail open).
   */
  async take(key: string, window: number, limit: number): Promise<number> {
    if (window !== this.window) {
      this.leases.clear();
      this.window = window;
    }
    const known = this.leases.get(key);
    if (!known && this.leases.size >= this.maxBuckets) return this.incrementBy(key, 1);
    const lease = known ?? { next: 1, end: 0, size: 0 };
    if (!known) this.leases.set(key, lease);
    while (lease.next > lease.end) {
      if (lease.next > limit && lease.size > 0) return lease.next; // the window is spent: refused here
      lease.reserving ??= this.reserve(key, lease, limit).finally(() => {
        lease.reserving = undefined;
      });
      await lease.reserving;
    }
    return lease.next++;
  }

  /** One reservation at a time per bucket; requests arriving meanwhile wait for it and share it. */
  private async reserve(key: string, lease: Lease, limit: number): Promise<void> {
    const size = Math.min(leaseCap(limit), Math.max(1, lease.size * 2));
    const total = await this.incrementBy(key, size);
    lease.size = size;
    lease.next = total - size + 1;
    lease.end = total;
  }
}
