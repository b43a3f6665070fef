import { DomainError } from '@app/shared/errors';
import { isValidUscc } from '@app/shared/identifiers';
import type { OutboxRelay } from '@app/shared/kafka';
import type { IntakeConfig } from '../../../config/intake.config';
import { BundleAdvancer } from '../../bundle-advancer';
import type { BundleCatalog } from '../../bundle-catalog';
import { SubmitBundleDto } from '../../dto/submit-bundle.request.dto';
import { BundleDefinitionEntity } from '../../entities/bundle-definition.entity';
import { ENTERPRISE_OPENING, ENTERPRISE_SETUP_CODE, SOCIAL_INSURANCE_CODE } from '../../seed-bundles';
import {
  FakeBundleEvents,
  FakeBundleRepository,
  FakeSubmit,
  seededItems,
} from '../../testing/bundle.fixture';
import { SubmitBundleUseCase } from './submit-bundle.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

const dto = (over: Partial<SubmitBundleDto> = {}): SubmitBundleDto => ({
  definitionCode: 'QYKB',
  applicant: { userProp: '1', name: '张三', certType: '111', certNo: '11010519491231002x' },
  formData: Object.fromEntries(ENTERPRISE_OPENING.formFields.map((f) => [f.key, `${f.label}值`])),
  materials: ENTERPRISE_OPENING.materials.map((m) => ({ code: m.code, fileName: `${m.code}.pdf` })),
  ...over,
});

describe('SubmitBundleUseCase', () => {
  const user = { sub: 'founder-1', roles: ['applicant' as const], token: 't' };
  let bundles: FakeBundleRepository;
  let events: FakeBundleEvents;
  let submit: FakeSubmit;
  let items: ReturnType<typeof seededItems>;
  let pokes: number;
  let useCase: SubmitBundleUseCase;

  beforeEach(() => {
    bundles = new FakeBundleRepository(null);
    events = new FakeBundleEvents();
    submit = new FakeSubmit();
    items = seededItems();
    pokes = 0;
    const row = Object.assign(new BundleDefinitionEntity(), { ...ENTERPRISE_OPENING, version: 3 });
    const catalog = {
      definition: (code: string) =>
        code === 'QYKB' ? Promise.resolve(row) : Promise.reject(new DomainError('NOT_FOUND')),
      publishedItems: () => Promise.resolve(items),
    } as unknown as BundleCatalog;
    const config = { REGION_CODE: '330100', PII_HASH_KEY: 'k'.repeat(32) } as IntakeConfig;
    useCase = new SubmitBundleUseCase(
      bundles.asRepository(),
      catalog,
      new BundleAdvancer(bundles.asRepository(), events.asEvents(), submit.asUseCase()),
      events.asEvents(),
      { poke: () => pokes++ } as unknown as OutboxRelay,
      config,
    );
  });

  it('stores the bundle with a new enterprise USCC and files only the founding member at once', async () => {
    const { view, replayed } = await useCase.execute({ user, dto: dto() });
    expect(replayed).toBe(false);
    expect(view).toMatchObject({ status: 'IN_PROGRESS', definitionVersion: 3, view: 'FULL' });
    expect(isValidUscc(view.enterprise!.uscc)).toBe(true);
    expect(view.enterprise!.uscc.slice(0, 8)).toBe('91330100');
    expect(view.applicant?.certNo).toBe('110105********002X');
    expect(submit.filed.map((d) => d.itemCode)).toEqual([ENTERPRISE_SETUP_CODE]);
    expect(submit.filed[0].applicant).toMatchObject({
      userProp: '2',
      certType: '001',
      certNo: view.enterprise!.uscc,
    });
    expect(view.members.filter((m) => m.outcome === 'PENDING')).toHaveLength(5);
    expect(events.written).toEqual(['submitted', `started:${ENTERPRISE_SETUP_CODE}`]);
    expect([bundles.transactions, pokes]).toEqual([1, 1]);
  });

  it('returns the bundle an earlier call with the same Idempotency-Key filed; refuses the key for another body', async () => {
    const first = await useCase.execute({ user, dto: dto(), idempotencyKey: 'key-12345678' });
    const again = await useCase.execute({ user, dto: dto(), idempotencyKey: 'key-12345678' });
    expect([again.replayed, again.view.bundleNo]).toEqual([true, first.view.bundleNo]);
    expect([bundles.transactions, submit.filed.length]).toEqual([1, 1]);
    const other = dto({ formData: { ...dto().formData, companyName: '另一家公司' } });
    expect(await codeOf(useCase.execute({ user, dto: other, idempotencyKey: 'key-12345678' }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(bundles.transactions).toBe(1);
  });

  it('refuses bad input before writing anything', async () => {
    const { depositRate: _d, ...missing } = dto().formData;
    const cases: Array<[Partial<SubmitBundleDto>, string]> = [
      [{ definitionCode: 'NOPE' }, 'NOT_FOUND'],
      [{ formData: missing }, 'VALIDATION_FAILED'],
      [{ formData: { ...dto().formData, colour: '红' } }, 'VALIDATION_FAILED'],
      [{ materials: [] }, 'MATERIALS_INCOMPLETE'],
      [{ materials: [...dto().materials, { code: 'B01', fileName: 'again.pdf' }] }, 'VALIDATION_FAILED'],
      [
        { applicant: { userProp: '1', name: '张三', certType: '111', certNo: '110105194912310021' } },
        'INVALID_ID_NUMBER',
      ],
    ];
    for (const [over, code] of cases) {
      expect(await codeOf(useCase.execute({ user, dto: dto(over) }))).toBe(code);
    }
    expect([bundles.transactions, submit.filed.length, events.written.length, pokes]).toEqual([0, 0, 0, 0]);
  });

  it('refuses while the definition no longer matches the catalog (an item unpublished)', async () => {
    items.delete(SOCIAL_INSURANCE_CODE);
    expect(await codeOf(useCase.execute({ user, dto: dto() }))).toBe('INVALID_STATE');
    expect(bundles.transactions).toBe(0);
  });
});
