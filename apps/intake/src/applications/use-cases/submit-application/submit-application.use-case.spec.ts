import { DomainError } from '@app/shared/errors';
import { WorkCalendar } from '@app/shared/calendar';
import { requestHash } from '@app/shared/http';
import { ApplicationsPolicy } from '../../applications.policy';
import { CatalogService } from '../../../catalog/catalog.service';
import { ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import { IntakeConfig } from '../../../config/intake.config';
import { SubmitApplicationDto } from '../../dto/submit-application.request.dto';
import {
  aCase,
  anItem,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeCaseWatchEvents,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { FakeCaseLifeRepository } from '../../testing/case-life.fixture';
import { AcceptApplicationUseCase } from '../accept-application/accept-application.use-case';
import { RequestSupplementUseCase } from '../request-supplement/request-supplement.use-case';
import { SubmitApplicationUseCase } from './submit-application.use-case';
import { FakeObligations } from '../../testing/obligations.fixture';

const dto = (over: Partial<SubmitApplicationDto> = {}): SubmitApplicationDto => ({
  itemCode: anItem().taskCode,
  applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA.toLowerCase() },
  formData: { premises: '杭州市', businessScope: '热食类' },
  materials: [
    { code: 'M01', fileName: 'M01.pdf' },
    { code: 'M02', fileName: 'M02.pdf' },
  ],
  ...over,
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

describe('SubmitApplicationUseCase', () => {
  const applicant = principal({ sub: 'citizen-1', roles: ['applicant'], dept: undefined });
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let life: FakeCaseLifeRepository;
  let watch: FakeCaseWatchEvents;
  let useCase: SubmitApplicationUseCase;
  let item: ServiceItemEntity;

  beforeEach(() => {
    cases = new FakeCaseRepository(null);
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    life = new FakeCaseLifeRepository();
    watch = new FakeCaseWatchEvents();
    item = anItem({ supplementLimit: 1, supplementDays: 10 });
    const catalog = {
      getPublished: () => Promise.resolve(item),
      getOfCase: () => Promise.resolve(item),
    } as unknown as CatalogService;
    const config = Object.assign(new IntakeConfig(), { PII_HASH_KEY: 'k'.repeat(32) });
    const calendar = {
      toShanghaiDate: () => '2026-11-25',
      dueDate: () => ({ dueDate: '2026-12-02', dueAt: new Date('2026-12-02T15:59:59.999Z') }),
    } as unknown as WorkCalendar;
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
    const supplementing = new RequestSupplementUseCase(
      cases.asRepository(),
      life.asRepository(),
      policy,
      catalog,
      calendar,
      events.asCaseEvents(),
      relay.asRelay(),
      watch.asWatchEvents(),
    );
    useCase = new SubmitApplicationUseCase(
      cases.asRepository(),
      catalog,
      events.asCaseEvents(),
      relay.asRelay(),
      config,
      accepting,
      supplementing,
      life.asRepository(),
    );
  });

  it('stores the case, its SUBMITTED entry and its event together, then wakes the relay', async () => {
    const { view, replayed } = await useCase.execute({ user: applicant, dto: dto() });
    expect(replayed).toBe(false);
    expect(view).toMatchObject({ caseNo: '33010020261125000002', status: 'SUBMITTED', proStatus: '1' });
    expect(view.applicant.certNo).toBe(GA); // upper-cased, and a USCC is not masked
    expect(cases.saved[0]).toMatchObject({ applicantSub: 'citizen-1', submitChannel: '1' });
    expect(cases.saved[0].applicantCertHash).toMatch(/^[0-9a-f]{64}$/);
    expect(cases.timeline).toEqual([
      expect.objectContaining({ action: 'SUBMITTED', actor: '杭州测试餐饮有限公司' }),
    ]);
    expect(events.kinds()).toEqual(['submitted']);
    expect([cases.transactions, relay.pokes]).toEqual([1, 1]);
  });

  it('accepts an online 即办件 with every required material by rule, in the submission transaction', async () => {
    item = anItem({ projectType: '1', promiseLimit: 0 });
    const { view } = await useCase.execute({ user: applicant, dto: dto() });
    expect(view).toMatchObject({ status: 'ACCEPTED', proStatus: '2', submitChannel: '1' });
    expect(view.acceptance).toMatchObject({
      acceptDocNo: `SL${view.caseNo}`,
      acceptedBy: '系统 (即办件自动受理)',
      promiseDate: '2026-11-25',
    });
    expect(cases.timeline.map((t) => t.action)).toEqual(['SUBMITTED', 'ACCEPTED']);
    expect(events.written).toEqual([
      expect.objectContaining({ kind: 'submitted', status: 'SUBMITTED' }),
      expect.objectContaining({ kind: 'accepted', status: 'ACCEPTED' }),
    ]);
    expect([cases.transactions, relay.pokes]).toEqual([1, 1]);
  });

  it('leaves a 即办件 at the window, and a 承诺件 online, for the clerk to accept', async () => {
    item = anItem({ projectType: '1', promiseLimit: 0 });
    const window = await useCase.execute({ user: applicant, dto: dto({ submitChannel: '0' }) });
    expect([window.view.status, window.view.acceptance]).toEqual(['SUBMITTED', null]);
    item = anItem();
    const promised = await useCase.execute({ user: applicant, dto: dto() });
    expect([promised.view.status, promised.view.acceptance]).toEqual(['SUBMITTED', null]);
    expect(events.kinds()).toEqual(['submitted', 'submitted']);
  });

  it('returns the earlier case for a repeated Idempotency-Key, and refuses the key for another body', async () => {
    const body = dto();
    cases.stored = aCase({
      applicantSub: 'citizen-1',
      idempotencyKey: 'key-12345',
      requestHash: requestHash(body),
    });
    const again = await useCase.execute({ user: applicant, dto: body, idempotencyKey: 'key-12345' });
    expect([again.replayed, again.view.caseNo]).toEqual([true, cases.stored.caseNo]);
    const changed = dto({ formData: { premises: '宁波市', businessScope: '热食类' } });
    expect(
      await codeOf(useCase.execute({ user: applicant, dto: changed, idempotencyKey: 'key-12345' })),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(cases.saved).toEqual([]);
  });

  it('refuses what the item does not allow before writing anything', async () => {
    const refusals: Array<[SubmitApplicationDto, string]> = [
      [dto({ applicant: { ...dto().applicant, certNo: '11330100002491026X' } }), 'INVALID_ID_NUMBER'],
      [dto({ applicant: { ...dto().applicant, userProp: '1' } }), 'APPLICANT_TYPE_NOT_SERVED'],
      [dto({ applicant: { ...dto().applicant, userProp: '5', certType: '414' } }), 'VALIDATION_FAILED'],
      [dto({ formData: { premises: '杭州市', businessScope: '热食类', other: 'x' } }), 'VALIDATION_FAILED'],
      [dto({ formData: { premises: '杭州市' } }), 'VALIDATION_FAILED'],
      [dto({ materials: [{ code: 'M09', fileName: 'x.pdf' }] }), 'VALIDATION_FAILED'],
      // a material missing along with another problem: refused for the other problem, no 预审
      [dto({ materials: [{ code: 'M01', fileName: 'M01.pdf' }], formData: {} }), 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of refusals) {
      expect(await codeOf(useCase.execute({ user: applicant, dto: body }))).toBe(code);
    }
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });

  it('receives an online submission lacking required materials and issues the 预审 一次性告知 by rule', async () => {
    item = anItem({
      supplementLimit: 1,
      supplementDays: 10,
      materials: [
        ...anItem().materials,
        {
          ...anItem().materials[0],
          code: 'M04',
          name: '健康证明',
        },
      ],
    });
    const { view } = await useCase.execute({
      user: applicant,
      dto: dto({ materials: [{ code: 'M01', fileName: 'M01.pdf' }] }),
    });
    expect(view).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', proStatus: '1', acceptance: null });
    // ONE notice naming every missing required material (not the optional M03), each with its reason.
    expect(view.supplementNotices).toEqual([
      expect.objectContaining({
        noticeNo: `BZ${view.caseNo}-1`,
        issuedBy: '系统 (网上预审)',
        dueDate: '2026-12-02',
        materials: [
          { code: 'M02', name: '营业执照', reason: '未提交' },
          { code: 'M04', name: '健康证明', reason: '未提交' },
        ],
      }),
    ]);
    expect(cases.saved.at(-1)).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', pausedAt: expect.any(Date) });
    expect(life.pauses).toEqual([expect.objectContaining({ reason: 'SUPPLEMENT', endedAt: null })]);
    expect(cases.timeline.map((t) => [t.action, t.actor])).toEqual([
      ['SUBMITTED', '杭州测试餐饮有限公司'],
      ['SUPPLEMENT_REQUESTED', '系统 (网上预审)'],
    ]);
    // The same events as a clerk's 补正, in the submission's one transaction.
    expect(events.kinds()).toEqual(['submitted', 'supplementRequested']);
    expect(watch.kinds()).toEqual(['clockSuspended']);
    expect([cases.transactions, relay.pokes]).toEqual([1, 1]);
  });

  it('still refuses an online submission lacking materials when no notice can serve it (422, nothing written)', async () => {
    const incomplete = { materials: [{ code: 'M01', fileName: 'M01.pdf' }] };
    // 告知承诺制 decides on the spot: every material the commitment does not replace must be there.
    item = anItem({
      supplementLimit: 1,
      postCheckDays: 20,
      materials: anItem().materials.map((m) => (m.code === 'M01' ? { ...m, commitmentAllowed: true } : m)),
    });
    const committed = dto({
      materials: [],
      commitment: {
        statement: '本公司承诺申请书内容真实。',
        signerName: '张三',
        signedAt: new Date().toISOString(),
        materials: ['M01'],
      },
    });
    expect(await codeOf(useCase.execute({ user: applicant, dto: committed }))).toBe('MATERIALS_INCOMPLETE');
    // An item that allows no 补正 notice at all.
    item = anItem({ supplementLimit: 0 });
    expect(await codeOf(useCase.execute({ user: applicant, dto: dto(incomplete) }))).toBe(
      'MATERIALS_INCOMPLETE',
    );
    expect([cases.saved.length, events.written.length, watch.written.length, relay.pokes]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('receives a window submission (申报方式 0) with materials missing: the clerk notices them (补正)', async () => {
    const { view } = await useCase.execute({
      user: applicant,
      dto: dto({ submitChannel: '0', materials: [{ code: 'M01', fileName: 'M01.pdf' }] }),
    });
    expect(view).toMatchObject({ status: 'SUBMITTED', submitChannel: '0' });
    expect(view.materials.map((m) => m.code)).toEqual(['M01']);
    expect([life.stored.length, watch.written.length]).toEqual([0, 0]);
  });

  it('masks a personal ID of another type than 公民身份号码, and keys it by a hash', async () => {
    item = anItem({ serverTypes: ['1'] });
    const { view } = await useCase.execute({
      user: applicant,
      dto: dto({ applicant: { userProp: '1', name: '张三', certType: '414', certNo: 'e12345678' } }),
    });
    expect(view.applicant.certNo).toBe('E1****78');
    expect(cases.saved[0]).toMatchObject({ applicantCertNo: 'E12345678', applicantCertMasked: 'E1****78' });
  });
});
