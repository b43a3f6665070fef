import { EntityManager } from 'typeorm';
import { testWorkCalendar } from '@app/shared/testing';
import { aCase, FakeCaseRepository, FakeCaseWatchEvents, FakeRelay } from '../../testing/case.fixture';
import {
  FlagOverdueReceiptsUseCase,
  RECEIPT_SWEEP_LOCK,
  receiptDecisionDeadline,
} from './flag-overdue-receipts.use-case';

/** A transaction whose queries answer the advisory lock and the candidates select. */
function sweepEm(locked: boolean, due: string[]): { em: EntityManager; queries: unknown[][] } {
  const queries: unknown[][] = [];
  const em = {
    query: (sql: string, params: unknown[]) => {
      queries.push([sql, params]);
      if (sql.includes('pg_try_advisory_xact_lock')) return Promise.resolve([{ locked }]);
      return Promise.resolve(due.map((case_no) => ({ case_no })));
    },
  } as unknown as EntityManager;
  return { em, queries };
}

describe('FlagOverdueReceiptsUseCase', () => {
  const calendar = testWorkCalendar();
  // Received Wednesday 2026-11-25 (Shanghai); 5 working days end Wednesday 2026-12-02.
  const submittedAt = new Date('2026-11-25T02:00:00Z');
  let cases: FakeCaseRepository;
  let watch: FakeCaseWatchEvents;
  let relay: FakeRelay;

  const useCaseWith = (em: EntityManager) => {
    cases.inTransaction = <T>(_em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>) =>
      work(em);
    return new FlagOverdueReceiptsUseCase(
      cases.asRepository(),
      calendar,
      watch.asWatchEvents(),
      relay.asRelay(),
    );
  };

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase({ submittedAt }));
    watch = new FakeCaseWatchEvents();
    relay = new FakeRelay();
  });

  it('counts 5 working days from the receipt day, plus the days paused', () => {
    expect(receiptDecisionDeadline(calendar, { submittedAt, pausedDays: 0 })).toBe(
      calendar.addWorkingDays('2026-11-25', 5),
    );
    expect(receiptDecisionDeadline(calendar, { submittedAt, pausedDays: 2 })).toBe(
      calendar.addWorkingDays('2026-11-25', 7),
    );
  });

  it('flags a case still SUBMITTED after its deadline, with a timeline entry, locking rows it can get', async () => {
    const deadline = receiptDecisionDeadline(calendar, aCase({ submittedAt }));
    const now = new Date(`${calendar.addWorkingDays(deadline, 1)}T02:00:00Z`);
    const { em, queries } = sweepEm(true, [aCase().caseNo]);
    expect(await useCaseWith(em).execute({ now })).toEqual([aCase().caseNo]);
    expect(queries[0]).toEqual([expect.stringContaining('pg_try_advisory_xact_lock'), [RECEIPT_SWEEP_LOCK]]);
    expect(queries[1][0]).toEqual(expect.stringContaining('FOR UPDATE SKIP LOCKED'));
    expect(queries[1][1]).toEqual([now, 5, 100]);
    expect(cases.saved[0]).toMatchObject({ status: 'SUBMITTED', deemedAcceptedAt: now });
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'DEEMED_ACCEPTED',
        occurredAt: now,
        detail: { submittedAt: submittedAt.toISOString(), deadline, pausedWorkingDays: 0 },
      }),
    ]);
    expect(watch.written).toEqual([
      { kind: 'receiptOverdue', caseNo: aCase().caseNo, args: [deadline, now] },
    ]);
    expect(relay.pokes).toBe(1);
  });

  it('leaves a case on its last day, one paused long enough, one already flagged or decided', async () => {
    const deadline = receiptDecisionDeadline(calendar, aCase({ submittedAt }));
    const lastDay = new Date(`${deadline}T08:00:00Z`);
    const later = new Date(`${calendar.addWorkingDays(deadline, 1)}T02:00:00Z`);
    const { em } = sweepEm(true, [aCase().caseNo]);
    expect(await useCaseWith(em).execute({ now: lastDay })).toEqual([]);
    cases.stored = aCase({ submittedAt, pausedDays: 3 });
    expect(await useCaseWith(em).execute({ now: later })).toEqual([]);
    cases.stored = aCase({ submittedAt, deemedAcceptedAt: lastDay });
    expect(await useCaseWith(em).execute({ now: later })).toEqual([]);
    cases.stored = aCase({ submittedAt, status: 'ACCEPTED' });
    expect(await useCaseWith(em).execute({ now: later })).toEqual([]);
    expect([cases.saved.length, cases.timeline.length, watch.written.length, relay.pokes]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('does nothing while another replica sweeps (the advisory lock is taken)', async () => {
    const { em, queries } = sweepEm(false, [aCase().caseNo]);
    expect(await useCaseWith(em).execute({ now: new Date('2027-01-01T00:00:00Z') })).toEqual([]);
    expect(queries).toHaveLength(1);
    expect(cases.saved).toEqual([]);
  });
});
