import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import { aCase, FakeCaseEvents, FakeCaseRepository, FakeRelay } from '../../testing/case.fixture';
import { ExpireSupplementsUseCase, SUPPLEMENT_SWEEP_LOCK } from './expire-supplements.use-case';

/** A transaction whose queries answer the advisory lock and the due-cases select. */
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

describe('ExpireSupplementsUseCase', () => {
  const now = new Date('2026-12-20T02:00:00Z');
  let cases: FakeCaseRepository;
  let life: FakeCaseLifeRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;

  const useCaseWith = (em: EntityManager) => {
    cases.inTransaction = <T>(_em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>) =>
      work(em);
    return new ExpireSupplementsUseCase(
      cases.asRepository(),
      life.asRepository(),
      {
        toShanghaiDate: (d: Date) => d.toISOString().slice(0, 10),
        workingDaysBetween: () => 12,
      } as unknown as WorkCalendar,
      events.asCaseEvents(),
      relay.asRelay(),
    );
  };

  beforeEach(() => {
    cases = new FakeCaseRepository(
      aCase({
        status: 'SUPPLEMENT_REQUIRED',
        pausedAt: new Date('2026-11-25T02:00:00Z'),
        supplementDueAt: new Date('2026-12-09T15:59:59.999Z'),
      }),
    );
    life = new FakeCaseLifeRepository();
    events = new FakeCaseEvents();
    relay = new FakeRelay();
  });

  it('returns (退件, 5) the cases whose deadline passed, with the completed event, locking rows it can get', async () => {
    const { em, queries } = sweepEm(true, ['33010020261125000001']);
    expect(await useCaseWith(em).execute({ now })).toEqual(['33010020261125000001']);
    expect(queries[0]).toEqual([
      expect.stringContaining('pg_try_advisory_xact_lock'),
      [SUPPLEMENT_SWEEP_LOCK],
    ]);
    expect(queries[1][0]).toEqual(expect.stringContaining('FOR UPDATE SKIP LOCKED'));
    expect(queries[1][1]).toEqual([now, 100]);
    expect(cases.saved[0]).toMatchObject({
      status: 'DONE',
      doneResult: '5',
      doneAt: now,
      pausedAt: null,
      supplementDueAt: null,
      pausedDays: 12,
    });
    expect(cases.timeline.map((t) => t.action)).toEqual(['SUPPLEMENT_EXPIRED', 'DONE']);
    expect([events.kinds(), relay.pokes]).toEqual([['completed'], 1]);
  });

  it('does nothing while another replica sweeps (the advisory lock is taken)', async () => {
    const { em, queries } = sweepEm(false, ['33010020261125000001']);
    expect(await useCaseWith(em).execute({ now })).toEqual([]);
    expect(queries).toHaveLength(1);
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });
});
