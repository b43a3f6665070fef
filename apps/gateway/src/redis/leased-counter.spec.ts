import { leaseCap, LeasedCounter } from './leased-counter';

/** A shared counter in memory (what Redis holds), recording every call made to it. */
function sharedCounter() {
  const totals = new Map<string, number>();
  const calls: Array<{ key: string; amount: number }> = [];
  const incrementBy = (key: string, amount: number): Promise<number> => {
    calls.push({ key, amount });
    const total = (totals.get(key) ?? 0) + amount;
    totals.set(key, total);
    return Promise.resolve(total);
  };
  return { totals, calls, incrementBy };
}

describe('LeasedCounter', () => {
  it('leases at most 1 % of the limit, exactly one for small limits, never more than 1,000', () => {
    expect([leaseCap(1), leaseCap(60), leaseCap(199), leaseCap(600), leaseCap(30_000)]).toEqual([
      1, 1, 1, 6, 300,
    ]);
    expect(leaseCap(10_000_000)).toBe(1000);
  });

  it('counts a small bucket one by one and refuses past its limit without asking again', async () => {
    const shared = sharedCounter();
    const counter = new LeasedCounter(shared.incrementBy);
    const numbers: number[] = [];
    for (let i = 0; i < 8; i++) numbers.push(await counter.take('k', 1, 5));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
    expect(shared.calls.map((c) => c.amount)).toEqual([1, 1, 1, 1, 1]);
  });

  it('serves a busy bucket with doubling reservations: every number once, in order', async () => {
    const shared = sharedCounter();
    const counter = new LeasedCounter(shared.incrementBy);
    const numbers: number[] = [];
    for (let i = 0; i < 3000; i++) numbers.push(await counter.take('busy', 1, 100_000));
    expect(numbers).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(shared.calls.map((c) => c.amount)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000, 1000]);
    expect(shared.totals.get('busy')).toBe(3023);
  });

  it('lets concurrent requests share one reservation instead of each making its own', async () => {
    const shared = sharedCounter();
    const counter = new LeasedCounter(shared.incrementBy);
    await counter.take('c', 1, 100_000); // lease 1
    const numbers = await Promise.all(Array.from({ length: 6 }, () => counter.take('c', 1, 100_000)));
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7]);
    expect(shared.calls.map((c) => c.amount)).toEqual([1, 2, 4]);
  });

  it('never lets a bucket past its limit across replicas; the error is the unused part of their leases', async () => {
    const shared = sharedCounter();
    const replicas = [new LeasedCounter(shared.incrementBy), new LeasedCounter(shared.incrementBy)];
    const limit = 1000; // leases up to 10
    let allowed = 0;
    for (let i = 0; i < 1200; i++) {
      if ((await replicas[i % 2].take('shared', 7, limit)) <= limit) allowed++;
    }
    expect(allowed).toBeLessThanOrEqual(limit);
    expect(allowed).toBeGreaterThanOrEqual(limit - replicas.length * leaseCap(limit));
  });

  it('starts afresh in a new window and forgets the old one', async () => {
    const shared = sharedCounter();
    const counter = new LeasedCounter(shared.incrementBy);
    for (let i = 0; i < 3; i++) await counter.take('w:1', 1, 2);
    expect(await counter.take('w:2', 2, 2)).toBe(1);
  });

  it('rejects while the shared counter fails, for every waiter, and recovers with it', async () => {
    let down = true;
    const shared = sharedCounter();
    const counter = new LeasedCounter((key, amount) =>
      down ? Promise.reject(new Error('redis down')) : shared.incrementBy(key, amount),
    );
    const results = await Promise.allSettled([counter.take('f', 1, 10), counter.take('f', 1, 10)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    down = false;
    expect(await counter.take('f', 1, 10)).toBe(1);
  });

  it('past its bucket bound, counts new buckets one call per request and keeps no lease for them', async () => {
    const shared = sharedCounter();
    const counter = new LeasedCounter(shared.incrementBy, 2);
    await counter.take('a', 1, 100_000);
    await counter.take('b', 1, 100_000);
    expect([await counter.take('c', 1, 100_000), await counter.take('c', 1, 100_000)]).toEqual([1, 2]);
    expect(shared.calls.filter((c) => c.key === 'c').map((c) => c.amount)).toEqual([1, 1]);
  });
});
