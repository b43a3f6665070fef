import { BundleAdvancer } from '../../bundle-advancer';
import { ENTERPRISE_SETUP_CODE, HOUSING_FUND_CODE, INVOICE_CODE, SEAL_CODE } from '../../seed-bundles';
import {
  aBundle,
  EM,
  FakeBundleEvents,
  FakeBundleRepository,
  FakeSubmit,
} from '../../testing/bundle.fixture';
import { RecordMemberOutcomeUseCase } from './record-member-outcome.use-case';

const FOUNDING_CASE = '33010020261126000100';
const LICENCE = '1.2.156.3005.2.111000000000135652003.113301000024901620.33010020261126000100.001.X';

describe('RecordMemberOutcomeUseCase', () => {
  let bundles: FakeBundleRepository;
  let events: FakeBundleEvents;
  let submit: FakeSubmit;
  let useCase: RecordMemberOutcomeUseCase;
  const at = new Date('2026-11-26T02:00:00Z');

  beforeEach(() => {
    const b = aBundle();
    Object.assign(b.members[0], {
      outcome: 'STARTED',
      caseNo: FOUNDING_CASE,
      startedAt: new Date('2026-11-26T01:00:00Z'),
    });
    bundles = new FakeBundleRepository(b);
    events = new FakeBundleEvents();
    submit = new FakeSubmit();
    useCase = new RecordMemberOutcomeUseCase(
      bundles.asRepository(),
      new BundleAdvancer(bundles.asRepository(), events.asEvents(), submit.asUseCase()),
    );
  });

  const founding = () => bundles.stored!.members[0];
  const dependents = () => bundles.stored!.members.slice(1);

  it('records the founding member’s licence and files every dependent at once, in the enterprise’s name', async () => {
    await useCase.execute(
      { caseNo: FOUNDING_CASE, doneResult: '0', licenceId: LICENCE, completedAt: at },
      EM,
    );
    expect(founding()).toMatchObject({ outcome: 'COMPLETED', licenceId: LICENCE, endedAt: at });
    expect(dependents().every((m) => m.outcome === 'STARTED' && m.caseNo && m.startedAt)).toBe(true);
    expect(submit.filed).toHaveLength(5);
    expect(submit.filed.every((d) => d.applicant.certNo === '913301000000000196')).toBe(true);
    const seal = submit.filed.find((d) => d.itemCode === SEAL_CODE)!;
    expect(seal.materials).toEqual(
      expect.arrayContaining([{ code: 'M01', fileName: `电子证照 ${LICENCE}` }]),
    );
    expect(events.written).toEqual(dependents().map((m) => `started:${m.itemCode}`));
    expect(bundles.stored!.status).toBe('IN_PROGRESS');
  });

  it('creates nothing twice: a repeated completion of a member already recorded changes nothing', async () => {
    await useCase.execute(
      { caseNo: FOUNDING_CASE, doneResult: '0', licenceId: LICENCE, completedAt: at },
      EM,
    );
    await useCase.execute(
      { caseNo: FOUNDING_CASE, doneResult: '0', licenceId: LICENCE, completedAt: at },
      EM,
    );
    expect(submit.filed).toHaveLength(5);
    expect(events.written).toHaveLength(5);
  });

  it('ignores a case filed on its own', async () => {
    await useCase.execute(
      { caseNo: '99999920261126000001', doneResult: '0', licenceId: null, completedAt: at },
      EM,
    );
    expect([submit.filed.length, events.written.length, bundles.savedMembers.length]).toEqual([0, 0, 0]);
  });

  it('a refused founding member fails the bundle and cancels every dependent, filing none', async () => {
    await useCase.execute({ caseNo: FOUNDING_CASE, doneResult: '6', licenceId: null, completedAt: at }, EM);
    expect(founding()).toMatchObject({ outcome: 'FAILED', doneResult: '6' });
    expect(dependents().every((m) => m.outcome === 'CANCELLED' && m.caseNo === null)).toBe(true);
    expect(submit.filed).toHaveLength(0);
    expect(bundles.stored).toMatchObject({ status: 'FAILED', endedAt: expect.any(Date) });
    expect(events.written).toEqual(['ended:FAILED']);
  });

  it('records a dependent that cannot be filed as FAILED; the others run; the bundle ends PARTIALLY_COMPLETED', async () => {
    submit.refuse.add(INVOICE_CODE);
    await useCase.execute(
      { caseNo: FOUNDING_CASE, doneResult: '0', licenceId: LICENCE, completedAt: at },
      EM,
    );
    const invoice = dependents().find((m) => m.itemCode === INVOICE_CODE)!;
    expect(invoice).toMatchObject({
      outcome: 'FAILED',
      caseNo: null,
      reason: expect.stringContaining('MATERIALS_INCOMPLETE'),
    });
    const running = dependents().filter((m) => m.outcome === 'STARTED');
    expect(running).toHaveLength(4);
    for (const m of running) {
      await useCase.execute(
        {
          caseNo: m.caseNo!,
          doneResult: m.itemCode === HOUSING_FUND_CODE ? '2' : '0',
          licenceId: null,
          completedAt: at,
        },
        EM,
      );
    }
    expect(bundles.stored!.status).toBe('PARTIALLY_COMPLETED');
    expect(events.written.at(-1)).toBe('ended:PARTIALLY_COMPLETED');
    expect(bundles.stored!.members.find((m) => m.itemCode === ENTERPRISE_SETUP_CODE)!.outcome).toBe(
      'COMPLETED',
    );
  });

  it('completes the bundle when every member completed', async () => {
    await useCase.execute(
      { caseNo: FOUNDING_CASE, doneResult: '0', licenceId: LICENCE, completedAt: at },
      EM,
    );
    for (const m of dependents()) {
      await useCase.execute({ caseNo: m.caseNo!, doneResult: '0', licenceId: null, completedAt: at }, EM);
    }
    expect(bundles.stored).toMatchObject({ status: 'COMPLETED', statusReason: null });
    expect(events.written.filter((e) => e.startsWith('ended'))).toEqual(['ended:COMPLETED']);
  });
});
