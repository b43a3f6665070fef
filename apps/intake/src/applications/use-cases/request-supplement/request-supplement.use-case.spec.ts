import { CalendarNotCoveredError, WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { CatalogService } from '../../../catalog/catalog.service';
import { ApplicationsPolicy } from '../../applications.policy';
import { aNotice, FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import {
  aCase,
  anItem,
  FakeCaseEvents,
  FakeCaseWatchEvents,
  FakeCaseRepository,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { RequestSupplementUseCase } from './request-supplement.use-case';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a failure');
};

describe('RequestSupplementUseCase', () => {
  let cases: FakeCaseRepository;
  let life: FakeCaseLifeRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let watch: FakeCaseWatchEvents;
  let dueDate: jest.Mock;
  let item = anItem();
  let useCase: RequestSupplementUseCase;
  const twoMaterials = [
    { code: 'M01', reason: '申请书未签字' },
    { code: 'M02', reason: '营业执照复印件不清晰' },
  ];

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase());
    life = new FakeCaseLifeRepository();
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    watch = new FakeCaseWatchEvents();
    item = anItem({ supplementLimit: 1, supplementDays: 10 });
    dueDate = jest.fn(() => ({ dueDate: '2026-12-09', dueAt: new Date('2026-12-09T15:59:59.999Z') }));
    const calendar = { dueDate } as unknown as WorkCalendar;
    const catalog = { getOfCase: () => Promise.resolve(item) } as unknown as CatalogService;
    useCase = new RequestSupplementUseCase(
      cases.asRepository(),
      life.asRepository(),
      new ApplicationsPolicy(),
      catalog,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      watch.asWatchEvents(),
    );
  });

  it('issues ONE numbered notice naming every material, stops the clock and sets the deadline', async () => {
    const view = await useCase.execute({ user: principal(), caseNo: 'x', materials: twoMaterials });
    expect(view).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', proStatus: '1' });
    expect(view.supplementNotices).toEqual([
      expect.objectContaining({
        noticeNo: `BZ${view.caseNo}-1`,
        seq: 1,
        dueDate: '2026-12-09',
        materials: [
          { code: 'M01', name: '申请书', reason: '申请书未签字' },
          { code: 'M02', name: '营业执照', reason: '营业执照复印件不清晰' },
        ],
      }),
    ]);
    expect(view.pauses).toEqual([expect.objectContaining({ reason: 'SUPPLEMENT', endedAt: null })]);
    expect(dueDate).toHaveBeenCalledWith(expect.any(Date), 10, '1');
    expect(cases.saved[0]).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', pausedAt: expect.any(Date) });
    expect(watch.written).toEqual([
      {
        kind: 'clockSuspended',
        caseNo: view.caseNo,
        args: [{ reason: 'SUPPLEMENT', ref: `BZ${view.caseNo}-1`, startedAt: cases.saved[0].pausedAt }],
      },
    ]);
    expect(cases.timeline).toEqual([expect.objectContaining({ action: 'SUPPLEMENT_REQUESTED' })]);
    expect(events.kinds()).toEqual(['supplementRequested']);
    expect([cases.transactions, relay.pokes]).toEqual([1, 1]);
  });

  it('refuses codes that are not materials of the item (422) and duplicates (400), writing nothing', async () => {
    let e = await failure(
      useCase.execute({ user: principal(), caseNo: 'x', materials: [{ code: 'M99', reason: '缺' }] }),
    );
    expect([e.code, e.details]).toEqual([
      'UNKNOWN_MATERIAL',
      { unknown: ['M99'], known: ['M01', 'M02', 'M03'] },
    ]);
    e = await failure(
      useCase.execute({ user: principal(), caseNo: 'x', materials: [twoMaterials[0], twoMaterials[0]] }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect([cases.saved.length, life.noticeSaves.length, events.written.length]).toEqual([0, 0, 0]);
  });

  it('allows at most supplementLimit notices (409 SUPPLEMENT_LIMIT_REACHED)', async () => {
    life.stored = [aNotice({ suppliedAt: new Date(), suppliedMaterials: ['M02'] })];
    const e = await failure(
      useCase.execute({ user: principal(), caseNo: 'x', materials: [twoMaterials[1]] }),
    );
    expect([e.code, e.status, e.details]).toEqual(['SUPPLEMENT_LIMIT_REACHED', 409, { limit: 1, issued: 1 }]);
  });

  it('lets a further notice name only what the last supplement brought', async () => {
    item = anItem({ supplementLimit: 2 });
    life.stored = [aNotice({ suppliedAt: new Date(), suppliedMaterials: ['M02'] })];
    const e = await failure(useCase.execute({ user: principal(), caseNo: 'x', materials: twoMaterials }));
    expect([e.code, e.details]).toEqual([
      'SUPPLEMENT_MATERIAL_NOT_REOPENABLE',
      { materials: ['M01'], reopenable: ['M02'] },
    ]);
    const view = await useCase.execute({ user: principal(), caseNo: 'x', materials: [twoMaterials[1]] });
    expect(view.supplementNotices?.map((n) => n.noticeNo)).toEqual([
      'BZ33010020261125000001-1',
      `BZ${view.caseNo}-2`,
    ]);
  });

  it('answers 404 to another department, 409 out of SUBMITTED, 503 past the calendar', async () => {
    expect(
      (
        await failure(
          useCase.execute({ user: principal({ dept: GA }), caseNo: 'x', materials: twoMaterials }),
        )
      ).code,
    ).toBe('CASE_NOT_FOUND');
    cases.stored = aCase({ status: 'ACCEPTED' });
    expect(
      (await failure(useCase.execute({ user: principal(), caseNo: 'x', materials: twoMaterials }))).code,
    ).toBe('INVALID_STATE');
    cases.stored = aCase();
    dueDate.mockImplementation(() => {
      throw new CalendarNotCoveredError(2099, [2026, 2027]);
    });
    const e = await failure(useCase.execute({ user: principal(), caseNo: 'x', materials: twoMaterials }));
    expect([e.code, e.details]).toEqual(['CALENDAR_NOT_COVERED', { year: 2099 }]);
    expect([cases.saved.length, life.noticeSaves.length, events.written.length, relay.pokes]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
