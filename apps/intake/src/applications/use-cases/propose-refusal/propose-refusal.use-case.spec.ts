import { DomainError } from '@app/shared/errors';
import { testWorkCalendar } from '@app/shared/testing';
import { IntakeConfig } from '../../../config/intake.config';
import { ApplicationsPolicy } from '../../applications.policy';
import {
  aCase,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { ProposeRefusalUseCase } from './propose-refusal.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('ProposeRefusalUseCase', () => {
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let useCase: ProposeRefusalUseCase;
  const cmd = {
    caseNo: 'x',
    reason: '不属于本部门职权范围',
    legalBasis: '行政许可法第三十二条第一款第（二）项',
  };

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase());
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    useCase = new ProposeRefusalUseCase(
      cases.asRepository(),
      new ApplicationsPolicy(),
      events.asCaseEvents(),
      relay.asRelay(),
      testWorkCalendar(),
      Object.assign(new IntakeConfig(), { REFUSAL_CONFIRM_WORKDAYS: 2 }),
    );
  });

  it('only proposes: the case waits (待受理) for the chief, nothing is done yet', async () => {
    const view = await useCase.execute({ user: principal(), ...cmd });
    expect(view).toMatchObject({
      status: 'REFUSAL_PROPOSED',
      proStatus: '1',
      done: null,
      refusalProposal: { reason: cmd.reason, legalBasis: cmd.legalBasis, proposedBy: '窗口' },
    });
    expect(cases.timeline).toEqual([expect.objectContaining({ action: 'REFUSAL_PROPOSED', actor: '窗口' })]);
    expect([events.kinds(), relay.pokes]).toEqual([['refusalProposed'], 1]);
  });

  it("sets the chief's deadline: the end of the REFUSAL_CONFIRM_WORKDAYS-th working day (Asia/Shanghai)", async () => {
    const calendar = testWorkCalendar();
    const view = await useCase.execute({ user: principal(), ...cmd });
    const proposedAt = cases.saved[0].refusalProposedAt!;
    const due = calendar.dueDate(proposedAt, 2, '1');
    expect(cases.saved[0]).toMatchObject({ refusalConfirmDueAt: due.dueAt, refusalOverdueAt: null });
    expect(view.refusalProposal).toMatchObject({ confirmDueAt: due.dueAt.toISOString(), overdueAt: null });
    expect(cases.timeline[0].detail).toMatchObject({ confirmDueDate: due.dueDate });
    expect(calendar.workingDaysBetween(calendar.toShanghaiDate(proposedAt), due.dueDate)).toBe(2);
  });

  it('answers 404 to another department and 409 to a case not waiting for 受理', async () => {
    expect(await codeOf(useCase.execute({ user: principal({ dept: GA }), ...cmd }))).toBe('CASE_NOT_FOUND');
    for (const status of ['ACCEPTED', 'SUPPLEMENT_REQUIRED', 'REFUSAL_PROPOSED'] as const) {
      cases.stored = aCase({ status });
      expect(await codeOf(useCase.execute({ user: principal(), ...cmd }))).toBe('INVALID_STATE');
    }
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });
});
