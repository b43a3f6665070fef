import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { CatalogService } from '../../../catalog/catalog.service';
import { ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import { ApplicationsPolicy } from '../../applications.policy';
import { FakeObligations } from '../../testing/obligations.fixture';
import { AcceptApplicationUseCase } from '../accept-application/accept-application.use-case';
import { aNotice, FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import {
  aCase,
  anItem,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeCaseWatchEvents,
  FakeRelay,
  principal,
} from '../../testing/case.fixture';
import { SupplementApplicationUseCase } from './supplement-application.use-case';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a failure');
};

describe('SupplementApplicationUseCase', () => {
  const owner = principal({ sub: 'citizen-1', roles: ['applicant'], dept: undefined });
  const pausedAt = new Date('2026-11-25T02:00:00Z');
  let cases: FakeCaseRepository;
  let life: FakeCaseLifeRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let watch: FakeCaseWatchEvents;
  let item: ServiceItemEntity;
  let useCase: SupplementApplicationUseCase;
  const notice = () =>
    aNotice({
      materials: [
        { code: 'M01', name: '申请书', reason: '未签字' },
        { code: 'M02', name: '营业执照', reason: '不清晰' },
      ],
    });

  beforeEach(() => {
    cases = new FakeCaseRepository(
      aCase({
        status: 'SUPPLEMENT_REQUIRED',
        pausedAt,
        pausedDays: 1,
        supplementDueAt: new Date('2026-12-09T15:59:59.999Z'),
        materials: [
          { code: 'M01', fileName: 'old-M01.pdf' },
          { code: 'M03', fileName: 'M03.pdf' },
        ],
      }),
    );
    life = new FakeCaseLifeRepository([notice()]);
    void life.startPause({} as never, '33010020261125000001', 'BZ33010020261125000001-1', pausedAt);
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    watch = new FakeCaseWatchEvents();
    const calendar = {
      toShanghaiDate: (d: Date) => d.toISOString().slice(0, 10),
      workingDaysBetween: jest.fn(() => 3),
      dueDate: () => ({ dueDate: '2026-11-30' }),
    } as unknown as WorkCalendar;
    item = anItem();
    const catalog = { getOfCase: () => Promise.resolve(item) } as unknown as CatalogService;
    const policy = new ApplicationsPolicy();
    const accepting = new AcceptApplicationUseCase(
      cases.asRepository(),
      policy,
      catalog,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      new FakeObligations().asRepository(),
      life.asRepository(),
    );
    useCase = new SupplementApplicationUseCase(
      cases.asRepository(),
      life.asRepository(),
      policy,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      watch.asWatchEvents(),
      catalog,
      accepting,
    );
  });

  const both = [
    { code: 'M01', fileName: 'new-M01.pdf' },
    { code: 'M02', fileName: 'M02.pdf' },
  ];

  it('takes everything at once: back to SUBMITTED, the pause ends and its working days add up', async () => {
    const now = new Date('2026-11-30T02:00:00Z');
    const view = await useCase.execute({ user: owner, caseNo: 'x', materials: both, now });
    expect(view).toMatchObject({ status: 'SUBMITTED', pausedDays: 4 });
    expect(view.materials.map((m) => m.fileName).sort()).toEqual(['M02.pdf', 'M03.pdf', 'new-M01.pdf']);
    expect(view.supplementNotices?.[0]).toMatchObject({
      suppliedAt: now.toISOString(),
      suppliedMaterials: ['M01', 'M02'],
    });
    expect(view.pauses).toEqual([expect.objectContaining({ endedAt: now.toISOString(), workingDays: 3 })]);
    expect(cases.saved[0]).toMatchObject({ pausedAt: null, supplementDueAt: null });
    expect(cases.timeline).toEqual([expect.objectContaining({ action: 'SUPPLEMENTED' })]);
    expect([events.kinds(), relay.pokes]).toEqual([['supplemented'], 1]);
    expect(watch.written).toEqual([
      {
        kind: 'clockResumed',
        caseNo: view.caseNo,
        args: [{ reason: 'SUPPLEMENT', ref: 'BZ33010020261125000001-1', startedAt: pausedAt }, now, 3],
      },
    ]);
  });

  it('accepts an online 即办件 by rule once its 预审 supplement completes the file, in the same transaction', async () => {
    item = anItem({ projectType: '1', promiseLimit: 0 });
    cases.stored = aCase({ ...cases.stored!, projectType: '1', submitChannel: '1' });
    const now = new Date('2026-11-30T02:00:00Z');
    const view = await useCase.execute({ user: owner, caseNo: 'x', materials: both, now });
    expect(view).toMatchObject({ status: 'ACCEPTED', acceptance: { acceptedBy: '系统 (即办件自动受理)' } });
    expect(cases.timeline.map((t) => t.action)).toEqual(['SUPPLEMENTED', 'ACCEPTED']);
    expect(events.kinds()).toEqual(['supplemented', 'accepted']);
    // a 承诺件, or a 即办件 filed at the window, waits for the clerk as before
    cases.stored = aCase({ ...cases.stored, status: 'SUPPLEMENT_REQUIRED', pausedAt, submitChannel: '0' });
    life.stored[0].suppliedAt = null;
    const atWindow = await useCase.execute({ user: owner, caseNo: 'x', materials: both, now });
    expect(atWindow.status).toBe('SUBMITTED');
  });

  it('refuses a partial supplement with the missing list (422), an unnamed material (400), writing nothing', async () => {
    let e = await failure(useCase.execute({ user: owner, caseNo: 'x', materials: [both[0]] }));
    expect([e.code, e.status, e.details]).toEqual([
      'SUPPLEMENT_INCOMPLETE',
      422,
      { noticeNo: 'BZ33010020261125000001-1', missing: [{ code: 'M02', name: '营业执照' }] },
    ]);
    e = await failure(
      useCase.execute({ user: owner, caseNo: 'x', materials: [...both, { code: 'M03', fileName: 'x.pdf' }] }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect([cases.saved.length, life.noticeSaves.length, events.written.length]).toEqual([0, 0, 0]);
  });

  it('is the owner’s act only (404), only during 补正 (409), and not after the deadline (409)', async () => {
    expect((await failure(useCase.execute({ user: principal(), caseNo: 'x', materials: both }))).code).toBe(
      'CASE_NOT_FOUND',
    );
    const late = new Date('2026-12-10T01:00:00Z');
    expect(
      (await failure(useCase.execute({ user: owner, caseNo: 'x', materials: both, now: late }))).code,
    ).toBe('SUPPLEMENT_DEADLINE_PASSED');
    cases.stored = aCase({ status: 'SUBMITTED' });
    expect((await failure(useCase.execute({ user: owner, caseNo: 'x', materials: both }))).code).toBe(
      'INVALID_STATE',
    );
    expect([events.written, watch.written]).toEqual([[], []]);
  });
});
