import { EntityManager } from 'typeorm';
import { testWorkCalendar } from '@app/shared/testing';
import { aCase, FakeCaseRepository, FakeCaseWatchEvents, FakeRelay } from '../../testing/case.fixture';
import { FlagOverdueRefusalsUseCase, REFUSAL_SWEEP_LOCK } from './flag-overdue-refusals.use-case';

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

describe('FlagOverdueRefusalsUseCase', () => {
  const calendar = testWorkCalendar();
  // Proposed Wednesday 2026-11-25 (Shanghai); one working day: due at the end of Thursday 2026-11-26.
  const proposedAt = new Date('2026-11-25T02:00:00Z');
  const dueAt = calendar.dueDate(proposedAt, 1, '1').dueAt;
  const proposal = {
    status: 'REFUSAL_PROPOSED' as const,
    refusalReason: '不属于本部门职权范围',
    refusalLegalBasis: '行政许可法第三十二条',
    refusalProposedBy: '窗口',
    refusalProposedAt: proposedAt,
    refusalConfirmDueAt: dueAt,
  };
  let cases: FakeCaseRepository;
  let watch: FakeCaseWatchEvents;
  let relay: FakeRelay;

  const useCaseWith = (em: EntityManager) => {
    cases.inTransaction = <T>(_em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>) =>
      work(em);
    return new FlagOverdueRefusalsUseCase(
      cases.asRepository(),
      calendar,
      watch.asWatchEvents(),
      relay.asRelay(),
    );
  };

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase(proposal));
    watch = new FakeCaseWatchEvents();
    relay = new FakeRelay();
  });

  it('escalates a proposal past its due time: stays REFUSAL_PROPOSED, marked, on the timeline, one event', async () => {
    const now = new Date('2026-11-27T01:00:00Z');
    const { em, queries } = sweepEm(true, [aCase().caseNo]);
    expect(await useCaseWith(em).execute({ now })).toEqual([aCase().caseNo]);
    expect(queries[0]).toEqual([expect.stringContaining('pg_try_advisory_xact_lock'), [REFUSAL_SWEEP_LOCK]]);
    expect(queries[1][0]).toEqual(expect.stringContaining('FOR UPDATE SKIP LOCKED'));
    expect(queries[1][1]).toEqual([now, 100]);
    expect(cases.saved[0]).toMatchObject({
      status: 'REFUSAL_PROPOSED',
      refusalOverdueAt: now,
      doneResult: null,
    });
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'REFUSAL_CONFIRMATION_OVERDUE',
        occurredAt: now,
        detail: { proposedBy: '窗口', proposedAt: proposedAt.toISOString(), confirmDueDate: '2026-11-26' },
      }),
    ]);
    expect(watch.written).toEqual([
      { kind: 'refusalConfirmationOverdue', caseNo: aCase().caseNo, args: ['2026-11-26', now] },
    ]);
    expect(relay.pokes).toBe(1);
  });

  it('leaves a proposal within its time, one already escalated, one decided, and one without a due time', async () => {
    const { em } = sweepEm(true, [aCase().caseNo]);
    expect(await useCaseWith(em).execute({ now: new Date('2026-11-26T15:00:00Z') })).toEqual([]);
    const later = new Date('2026-12-01T02:00:00Z');
    cases.stored = aCase({ ...proposal, refusalOverdueAt: new Date('2026-11-27T01:00:00Z') });
    expect(await useCaseWith(em).execute({ now: later })).toEqual([]);
    cases.stored = aCase({ ...proposal, status: 'NOT_ACCEPTED' });
    expect(await useCaseWith(em).execute({ now: later })).toEqual([]);
    cases.stored = aCase({ ...proposal, refusalConfirmDueAt: null });
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
