import { nextRound } from './outbox-schedule';

describe('outbox relay schedule (nextRound)', () => {
  const base = { sent: 0, batchSize: 200, poked: false, hinted: false, failures: 0, pollMs: 500 };

  it('sleeps until the next poke or poll after a round that published a partial batch (no probe)', () => {
    expect(nextRound({ ...base, sent: 3 })).toEqual({ kind: 'sleep', ms: 500 });
    expect(nextRound({ ...base, sent: 3, hinted: true })).toEqual({ kind: 'sleep', ms: 500 });
  });

  it('goes straight on, without a probe, after a full batch', () => {
    expect(nextRound({ ...base, sent: 200 })).toEqual({ kind: 'now', hinted: true, gather: false });
    expect(nextRound({ ...base, sent: 200, poked: true })).toEqual({
      kind: 'now',
      hinted: true,
      gather: false,
    });
  });

  it('goes on without a probe, after the gather interval, when a commit poked it during the round', () => {
    expect(nextRound({ ...base, sent: 3, poked: true })).toEqual({ kind: 'now', hinted: true, gather: true });
    expect(nextRound({ ...base, sent: 0, poked: true })).toEqual({ kind: 'now', hinted: true, gather: true });
    const afterHinted = { ...base, sent: 3, poked: true, hinted: true };
    expect(nextRound(afterHinted)).toEqual({ kind: 'now', hinted: true, gather: true });
  });

  it('retries shortly when a round woken by its own commit read nothing (another replica held the lock)', () => {
    expect(nextRound({ ...base, hinted: true })).toEqual({ kind: 'sleep', ms: 50 });
    expect(nextRound({ ...base, hinted: true, pollMs: 20 })).toEqual({ kind: 'sleep', ms: 20 });
  });

  it('an idle poll that found nothing sleeps for the poll interval', () => {
    expect(nextRound(base)).toEqual({ kind: 'sleep', ms: 500 });
  });

  it('backs off after failures, doubling from the poll interval up to 5 s', () => {
    expect(nextRound({ ...base, failures: 1, sent: 200 })).toEqual({ kind: 'sleep', ms: 1000 });
    expect(nextRound({ ...base, failures: 2 })).toEqual({ kind: 'sleep', ms: 2000 });
    expect(nextRound({ ...base, failures: 9 })).toEqual({ kind: 'sleep', ms: 5000 });
  });
});
