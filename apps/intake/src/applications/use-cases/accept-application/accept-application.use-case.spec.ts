import { CalendarNotCoveredError, WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { CatalogService } from '../../../catalog/catalog.service';
import { ApplicationsPolicy } from '../../applications.policy';
import {
  aCase,
  anItem,
  EM,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { AcceptApplicationUseCase } from './accept-application.use-case';
import { FakeObligations } from '../../testing/obligations.fixture';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a failure');
};

describe('AcceptApplicationUseCase', () => {
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let dueDate: jest.Mock;
  let useCase: AcceptApplicationUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase());
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    dueDate = jest.fn(() => ({ dueDate: '2026-12-02' }));
    const calendar = { dueDate, toShanghaiDate: () => '2026-11-25' } as unknown as WorkCalendar;
    const catalog = { getOfCase: () => Promise.resolve(anItem()) } as unknown as CatalogService;
    useCase = new AcceptApplicationUseCase(
      cases.asRepository(),
      new ApplicationsPolicy(),
      catalog,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      new FakeObligations().asRepository(),
      new FakeCaseLifeRepository().asRepository(),
    );
  });

  it('accepts with a document number and a promise date in working days, in one transaction', async () => {
    const view = await useCase.execute({ user: principal(), caseNo: 'x', remark: '材料齐全' });
    expect(view).toMatchObject({ status: 'ACCEPTED', proStatus: '2' });
    expect(view.acceptance).toMatchObject({
      acceptDocNo: `SL${view.caseNo}`,
      promiseDate: '2026-12-02',
      acceptedBy: '窗口',
    });
    expect(dueDate).toHaveBeenCalledWith(expect.any(Date), 5, '1');
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'ACCEPTED',
        detail: expect.objectContaining({ remark: '材料齐全' }),
      }),
    ]);
    expect(events.written).toEqual([{ kind: 'accepted', caseNo: view.caseNo, status: 'ACCEPTED' }]);
    expect([cases.transactions, relay.pokes]).toEqual([1, 1]);
  });

  it('counts the promise from receipt for a case deemed accepted (Art. 32)', async () => {
    const submittedAt = new Date('2026-11-16T02:00:00Z');
    cases.stored = aCase({ submittedAt, deemedAcceptedAt: new Date('2026-11-24T02:00:00Z') });
    const view = await useCase.execute({ user: principal(), caseNo: 'x' });
    expect(dueDate).toHaveBeenCalledWith(submittedAt, 5, '1');
    expect(view).toMatchObject({ deemedAccepted: true, acceptance: { promiseDate: '2026-12-02' } });
    expect(cases.timeline[0].detail).toMatchObject({ promiseCountedFrom: submittedAt.toISOString() });
  });

  it('moves a promise counted from receipt by the 补正 pauses in natural days for a 自然日 item', async () => {
    const submittedAt = new Date('2026-09-28T02:00:00Z');
    cases.stored = aCase({ submittedAt, deemedAcceptedAt: new Date(), pausedDays: 3 });
    const life = new FakeCaseLifeRepository();
    await life.startPause(EM, 'x', 'BZ-1', new Date('2026-09-29T02:00:00Z'));
    await life.endPause(EM, 'x', new Date('2026-10-09T02:00:00Z'), 3);
    const calendar = {
      dueDate: () => ({ dueDate: '2026-10-03' }),
      toShanghaiDate: (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    } as unknown as WorkCalendar;
    const natural = anItem({ promiseUnit: '2', legalUnit: '2' });
    const catalog = { getOfCase: () => Promise.resolve(natural) } as unknown as CatalogService;
    const accepting = new AcceptApplicationUseCase(
      cases.asRepository(),
      new ApplicationsPolicy(),
      catalog,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      new FakeObligations().asRepository(),
      life.asRepository(),
    );
    const view = await accepting.execute({ user: principal(), caseNo: 'x' });
    // 10 natural days paused (09-29 → 10-09), not the 3 working days.
    expect(view.acceptance?.promiseDate).toBe('2026-10-13');
    expect(cases.timeline[0].detail).toMatchObject({
      pausedWorkingDays: 3,
      caseClock: 'natural',
      pausedCaseDays: 10,
    });
  });

  it('joins the caller’s transaction when given one (and leaves waking the relay to the caller)', async () => {
    await useCase.execute({ user: principal(), caseNo: 'x' }, EM);
    expect([cases.transactions, relay.pokes]).toEqual([0, 0]);
  });

  it('answers 404 CASE_NOT_FOUND to a clerk of another department, and changes nothing', async () => {
    const e = await failure(useCase.execute({ user: principal({ dept: GA }), caseNo: 'x' }));
    expect([e.code, e.details]).toEqual(['CASE_NOT_FOUND', { caseNo: aCase().caseNo }]);
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });

  it('refuses 受理 while a required material is missing (422, a window case before its 补正)', async () => {
    cases.stored = aCase({ submitChannel: '0', materials: [{ code: 'M01', fileName: 'M01.pdf' }] });
    const e = await failure(useCase.execute({ user: principal(), caseNo: 'x' }));
    expect([e.code, e.details]).toEqual([
      'MATERIALS_INCOMPLETE',
      { missing: [{ code: 'M02', name: '营业执照' }] },
    ]);
    expect([cases.saved.length, events.written.length]).toEqual([0, 0]);
  });

  it('refuses a case that is no longer waiting (409) and a promise past the calendar (503)', async () => {
    cases.stored = aCase({ status: 'NOT_ACCEPTED' });
    expect((await failure(useCase.execute({ user: principal(), caseNo: 'x' }))).code).toBe('INVALID_STATE');
    cases.stored = aCase();
    dueDate.mockImplementation(() => {
      throw new CalendarNotCoveredError(2099, [2026, 2027]);
    });
    const e = await failure(useCase.execute({ user: principal(), caseNo: 'x' }));
    expect([e.code, e.details]).toEqual(['CALENDAR_NOT_COVERED', { year: 2099 }]);
    expect(cases.saved).toEqual([]);
  });
});
