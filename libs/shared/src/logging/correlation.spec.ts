import { currentTraceparent, randomHex, runWithContext, traceIdFromTraceparent } from './correlation';

describe('correlation ids', () => {
  it('draws distinct random hex ids of the asked length, across pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = randomHex(16);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(2000);
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the caller’s trace id and gives every call a new span', () => {
    const traceId = 'a'.repeat(32);
    runWithContext({ traceId }, () => {
      const a = currentTraceparent();
      const b = currentTraceparent();
      expect(traceIdFromTraceparent(a)).toBe(traceId);
      expect(a).not.toBe(b);
    });
    runWithContext({ traceId: 'not-hex' }, () => {
      expect(traceIdFromTraceparent(currentTraceparent())).toMatch(/^[0-9a-f]{32}$/);
      expect(traceIdFromTraceparent(currentTraceparent())).not.toBe('not-hex');
    });
  });
});
