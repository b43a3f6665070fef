import { disableReason } from './disable-rule';

const LIMITS = { deadLetters: 3, failingMs: 5 * 86_400_000 };
const now = new Date('2026-11-26T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('automatic disabling of a failing webhook subscription', () => {
  it('disables after N dead letters in a row', () => {
    expect(disableReason({ consecutiveDeadLetters: 2, failingSince: daysAgo(1) }, now, LIMITS)).toBeNull();
    expect(disableReason({ consecutiveDeadLetters: 3, failingSince: daysAgo(1) }, now, LIMITS)).toBe(
      'CONSECUTIVE_DEAD_LETTERS',
    );
  });

  it('disables when every attempt has failed for the period, even with few dead letters', () => {
    expect(disableReason({ consecutiveDeadLetters: 0, failingSince: daysAgo(4.9) }, now, LIMITS)).toBeNull();
    expect(disableReason({ consecutiveDeadLetters: 1, failingSince: daysAgo(5) }, now, LIMITS)).toBe(
      'FAILING_TOO_LONG',
    );
  });

  it('never disables a subscription that is not failing', () => {
    expect(disableReason({ consecutiveDeadLetters: 0, failingSince: null }, now, LIMITS)).toBeNull();
  });
});
