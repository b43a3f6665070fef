import { backoffDelayMs, nextAttemptAt, RetrySchedule } from './backoff';

const S: RetrySchedule = { baseMs: 1000, maxDelayMs: 60_000, windowMs: 86_400_000 };

describe('webhook backoff (exponential, full jitter)', () => {
  it('grows the ceiling exponentially up to the cap', () => {
    const ceiling = (n: number) => backoffDelayMs(n, S, () => 0.999999);
    expect(ceiling(1)).toBe(999);
    expect(ceiling(2)).toBe(1999);
    expect(ceiling(5)).toBe(15_999);
    expect(ceiling(7)).toBe(59_999);
    expect(ceiling(200)).toBe(59_999);
  });

  it('draws the delay uniformly from zero to the ceiling (full jitter)', () => {
    expect(backoffDelayMs(3, S, () => 0)).toBe(0);
    expect(backoffDelayMs(3, S, () => 0.5)).toBe(2000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(4, S);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(8000);
    }
  });

  it('schedules within the window and gives up once the window has passed', () => {
    const first = new Date('2026-11-26T00:00:00Z');
    const now = new Date('2026-11-26T01:00:00Z');
    expect(nextAttemptAt(first, 3, now, S, () => 0.5)?.toISOString()).toBe('2026-11-26T01:00:02.000Z');
    const late = new Date(first.getTime() + S.windowMs - 10);
    expect(nextAttemptAt(first, 30, late, S, () => 0.99)?.getTime()).toBe(first.getTime() + S.windowMs);
    expect(nextAttemptAt(first, 30, new Date(first.getTime() + S.windowMs), S)).toBeNull();
  });
});
