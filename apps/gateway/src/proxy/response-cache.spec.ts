import { ResponseCache } from './response-cache';

describe('ResponseCache (public answers at the edge)', () => {
  const pub = { 'cache-control': 'public, max-age=60', etag: '"a"', 'content-type': 'application/json' };

  it('keeps public 200 answers for their max-age (capped), and nothing else', () => {
    const c = new ResponseCache({ maxEntries: 10, maxBytes: 10_000, maxSeconds: 30 });
    const t0 = 1_000_000;
    expect(c.offer('/items', 200, pub, Buffer.from('x'), t0)).toBe(true);
    expect(c.get('/items', t0 + 29_000)?.etag).toBe('"a"');
    expect(c.get('/items', t0 + 30_001)).toBeUndefined();
    expect(c.offer('/a', 200, { 'cache-control': 'no-store' }, Buffer.from('x'), t0)).toBe(false);
    expect(c.offer('/b', 200, { 'cache-control': 'private, max-age=60' }, Buffer.from('x'), t0)).toBe(false);
    expect(c.offer('/c', 404, pub, Buffer.from('x'), t0)).toBe(false);
    expect(c.offer('/d', 200, { 'cache-control': 'public' }, Buffer.from('x'), t0)).toBe(false);
  });

  it('drops the oldest entries beyond its bounds', () => {
    const c = new ResponseCache({ maxEntries: 2, maxBytes: 10_000, maxSeconds: 60 });
    for (const k of ['/1', '/2', '/3']) c.offer(k, 200, pub, Buffer.from(k));
    expect([c.get('/1'), c.get('/2'), c.get('/3')].map(Boolean)).toEqual([false, true, true]);
    const small = new ResponseCache({ maxEntries: 10, maxBytes: 100, maxSeconds: 60 });
    expect(small.offer('/big', 200, pub, Buffer.alloc(50))).toBe(false);
  });
});
