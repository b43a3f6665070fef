import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from '../../applications.policy';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import {
  aCase,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeCaseWatchEvents,
  FakeRelay,
  principal,
} from '../../testing/case.fixture';
import { PauseCloser } from '../../pause-closer';
import { WithdrawApplicationUseCase } from './withdraw-application.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('WithdrawApplicationUseCase', () => {
  const owner = principal({ sub: 'citizen-1', roles: ['applicant'], dept: undefined });
  let cases: FakeCaseRepository;
  let life: FakeCaseLifeRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let watch: FakeCaseWatchEvents;
  let useCase: WithdrawApplicationUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase({ status: 'IN_APPROVAL' }));
    life = new FakeCaseLifeRepository();
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    watch = new FakeCaseWatchEvents();
    const calendar = {
      toShanghaiDate: (d: Date) => d.toISOString().slice(0, 10),
      workingDaysBetween: () => 2,
    } as unknown as WorkCalendar;
    useCase = new WithdrawApplicationUseCase(
      cases.asRepository(),
      life.asRepository(),
      new ApplicationsPolicy(),
      new PauseCloser(life.asRepository(), calendar, watch.asWatchEvents()),
      events.asCaseEvents(),
      relay.asRelay(),
    );
  });

  it('ends the case as 作废办结 (2) with the withdrawn and completed events', async () => {
    const view = await useCase.execute({ user: owner, caseNo: 'x', reason: '不再需要' });
    expect(view).toMatchObject({ status: 'DONE', proStatus: '3', done: { doneResult: '2' } });
    expect(cases.timeline.map((t) => [t.action, t.detail])).toEqual([
      ['WITHDRAWN', { previousStatus: 'IN_APPROVAL', reason: '不再需要' }],
      ['DONE', { doneResult: '2' }],
    ]);
    expect([events.kinds(), relay.pokes]).toEqual([['withdrawn', 'completed'], 1]);
    // No pause was running: no clock event.
    expect(watch.written).toEqual([]);
  });

  it('ends a running 补正 pause when withdrawn during it', async () => {
    cases.stored = aCase({ status: 'SUPPLEMENT_REQUIRED', pausedAt: new Date('2026-11-20T02:00:00Z') });
    await life.startPause({} as never, 'x', 'BZ-1', new Date('2026-11-20T02:00:00Z'));
    const view = await useCase.execute({ user: owner, caseNo: 'x' });
    expect(view.pausedDays).toBe(2);
    expect(life.pauses[0]).toMatchObject({ workingDays: 2, endedAt: expect.any(Date) });
    expect(cases.saved[0]).toMatchObject({ pausedAt: null, supplementDueAt: null });
    // The clock event ends the pause for good: caseDoneResult 2 (作废办结).
    expect(watch.written).toEqual([
      {
        kind: 'clockResumed',
        caseNo: '33010020261125000001',
        args: [
          { reason: 'SUPPLEMENT', ref: 'BZ-1', startedAt: new Date('2026-11-20T02:00:00Z') },
          expect.any(Date),
          2,
          '2',
        ],
      },
    ]);
  });

  it('ends a running 特别程序 pause when withdrawn during approval, with the clock event', async () => {
    const startedAt = new Date('2026-11-20T02:00:00Z');
    cases.stored = aCase({ status: 'IN_APPROVAL', pausedAt: startedAt, promiseDate: '2026-12-01' });
    const procedure = {
      procedureId: 'p-1',
      type: '4',
      typeName: '核实',
      reason: '核实',
      expectedEndDate: 'x',
    };
    await life.startProcedurePause({} as never, 'x', procedure, startedAt);
    const view = await useCase.execute({ user: owner, caseNo: 'x' });
    expect(view).toMatchObject({ status: 'DONE', pausedDays: 2, done: { doneResult: '2' } });
    expect(life.pauses[0]).toMatchObject({ workingDays: 2, endedAt: expect.any(Date) });
    expect(watch.written.map((w) => [w.kind, w.args[0], w.args[3]])).toEqual([
      ['clockResumed', { reason: 'SPECIAL_PROCEDURE', ref: 'p-1', startedAt }, '2'],
    ]);
    expect(events.kinds()).toEqual(['withdrawn', 'completed']);
  });

  it('is the owner’s act only (404), and too late once decided (409); nothing written', async () => {
    expect(await codeOf(useCase.execute({ user: principal(), caseNo: 'x' }))).toBe('CASE_NOT_FOUND');
    for (const status of ['APPROVED', 'DONE', 'NOT_ACCEPTED'] as const) {
      cases.stored = aCase({ status });
      expect(await codeOf(useCase.execute({ user: owner, caseNo: 'x' }))).toBe('INVALID_STATE');
    }
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });
});
