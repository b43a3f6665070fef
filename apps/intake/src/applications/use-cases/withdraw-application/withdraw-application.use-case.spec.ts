import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from '../../applications.policy';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import { aCase, FakeCaseEvents, FakeCaseRepository, FakeRelay, principal } from '../../testing/case.fixture';
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
  let useCase: WithdrawApplicationUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase({ status: 'IN_APPROVAL' }));
    life = new FakeCaseLifeRepository();
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    const calendar = {
      toShanghaiDate: (d: Date) => d.toISOString().slice(0, 10),
      workingDaysBetween: () => 2,
    } as unknown as WorkCalendar;
    useCase = new WithdrawApplicationUseCase(
      cases.asRepository(),
      life.asRepository(),
      new ApplicationsPolicy(),
      calendar,
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
  });

  it('ends a running 补正 pause when withdrawn during it', async () => {
    cases.stored = aCase({ status: 'SUPPLEMENT_REQUIRED', pausedAt: new Date('2026-11-20T02:00:00Z') });
    await life.startPause({} as never, 'x', 'BZ-1', new Date('2026-11-20T02:00:00Z'));
    const view = await useCase.execute({ user: owner, caseNo: 'x' });
    expect(view.pausedDays).toBe(2);
    expect(life.pauses[0]).toMatchObject({ workingDays: 2, endedAt: expect.any(Date) });
    expect(cases.saved[0]).toMatchObject({ pausedAt: null, supplementDueAt: null });
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
