import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import {
  aCase,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeCaseWatchEvents,
  FakeRelay,
} from '../../testing/case.fixture';
import { PauseCloser } from '../../pause-closer';
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

const EM_NONE = {} as EntityManager;

describe('ExpireSupplementsUseCase', () => {
  const now = new Date('2026-12-20T02:00:00Z');
  const pausedAt = new Date('2026-11-25T02:00:00Z');
  let cases: FakeCaseRepository;
  let life: FakeCaseLifeRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let watch: FakeCaseWatchEvents;

  const useCaseWith = (em: EntityManager) => {
    cases.inTransaction = <T>(_em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>) =>
      work(em);
    const calendar = {
      toShanghaiDate: (d: Date) => d.toISOString().slice(0, 10),
      workingDaysBetween: () => 12,
    } as unknown as WorkCalendar;
    return new ExpireSupplementsUseCase(
      cases.asRepository(),
      new PauseCloser(life.asRepository(), calendar, watch.asWatchEvents()),
      events.asCaseEvents(),
      relay.asRelay(),
    );
  };

  beforeEach(() => {
    cases = new FakeCaseRepository(
      aCase({
        status: 'SUPPLEMENT_REQUIRED',
        pausedAt,
        supplementDueAt: new Date('2026-12-09T15:59:59.999Z'),
      }),
    );
    life = new FakeCaseLifeRepository();
    void life.startPause(EM_NONE, '33010020261125000001', 'BZ33010020261125000001-1', pausedAt);
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    watch = new FakeCaseWatchEvents();
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
    // The pause ends with the case: the clock event says so (caseDoneResult 5), the clock never runs again.
    expect(life.pauses[0]).toMatchObject({ endedAt: now, workingDays: 12 });
    expect(watch.written).toEqual([
      {
        kind: 'clockResumed',
        caseNo: '33010020261125000001',
        args: [{ reason: 'SUPPLEMENT', ref: 'BZ33010020261125000001-1', startedAt: pausedAt }, now, 12, '5'],
      },
    ]);
  });

  it('does nothing while another replica sweeps (the advisory lock is taken)', async () => {
    const { em, queries } = sweepEm(false, ['33010020261125000001']);
    expect(await useCaseWith(em).execute({ now })).toEqual([]);
    expect(queries).toHaveLength(1);
    expect([cases.saved.length, events.written.length, watch.written.length, relay.pokes]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
