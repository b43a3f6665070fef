import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from '../../applications.policy';
import {
  aCase,
  FakeCaseEvents,
  FakeCaseRepository,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { ConfirmRefusalUseCase } from './confirm-refusal.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('ConfirmRefusalUseCase', () => {
  const chief = principal({ sub: 'chief-1', name: '首席代表', roles: ['chief'] });
  const proposed = () =>
    aCase({
      status: 'REFUSAL_PROPOSED',
      refusalReason: '不属于本部门职权范围',
      refusalLegalBasis: '行政许可法第三十二条',
      refusalProposedBy: '窗口',
      refusalProposedAt: new Date('2026-11-25T03:00:00Z'),
    });
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let useCase: ConfirmRefusalUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(proposed());
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    useCase = new ConfirmRefusalUseCase(
      cases.asRepository(),
      new ApplicationsPolicy(),
      events.asCaseEvents(),
      relay.asRelay(),
    );
  });

  it('completes the case as 不予受理 (6) with the proposal’s reason, not-accepted and completed events', async () => {
    const view = await useCase.execute({ user: chief, caseNo: 'x', opinion: '同意' });
    expect(view).toMatchObject({
      status: 'NOT_ACCEPTED',
      proStatus: '3',
      notAcceptedReason: '不属于本部门职权范围',
      done: { doneResult: '6' },
    });
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'NOT_ACCEPTED',
        actor: '首席代表',
        detail: expect.objectContaining({
          legalBasis: '行政许可法第三十二条',
          proposedBy: '窗口',
          opinion: '同意',
        }),
      }),
    ]);
    expect([events.kinds(), relay.pokes]).toEqual([['notAccepted', 'completed'], 1]);
  });

  it('is a chief of the case’s department only: a clerk or another department’s chief gets 404', async () => {
    expect(await codeOf(useCase.execute({ user: principal(), caseNo: 'x' }))).toBe('CASE_NOT_FOUND');
    expect(await codeOf(useCase.execute({ user: { ...chief, dept: GA }, caseNo: 'x' }))).toBe(
      'CASE_NOT_FOUND',
    );
    cases.stored = aCase();
    expect(await codeOf(useCase.execute({ user: chief, caseNo: 'x' }))).toBe('INVALID_STATE');
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });
});
