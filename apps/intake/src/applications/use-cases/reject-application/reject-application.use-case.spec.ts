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
import { RejectApplicationUseCase } from './reject-application.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('RejectApplicationUseCase', () => {
  let cases: FakeCaseRepository;
  let events: FakeCaseEvents;
  let relay: FakeRelay;
  let useCase: RejectApplicationUseCase;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase());
    events = new FakeCaseEvents();
    relay = new FakeRelay();
    useCase = new RejectApplicationUseCase(
      cases.asRepository(),
      new ApplicationsPolicy(),
      events.asCaseEvents(),
      relay.asRelay(),
    );
  });

  it('completes the case as 不予受理 (6) with the not-accepted and completed events', async () => {
    const view = await useCase.execute({ user: principal(), caseNo: 'x', reason: '不属于本部门职权范围' });
    expect(view).toMatchObject({
      status: 'NOT_ACCEPTED',
      proStatus: '3',
      notAcceptedReason: '不属于本部门职权范围',
    });
    expect(view.done).toMatchObject({ doneResult: '6' });
    expect(cases.timeline).toEqual([expect.objectContaining({ action: 'NOT_ACCEPTED', actor: '窗口' })]);
    expect(events.kinds()).toEqual(['notAccepted', 'completed']);
    expect(relay.pokes).toBe(1);
  });

  it('answers CASE_NOT_FOUND to another department and INVALID_STATE to a case already accepted', async () => {
    expect(
      await codeOf(useCase.execute({ user: principal({ dept: GA }), caseNo: 'x', reason: '理由' })),
    ).toBe('CASE_NOT_FOUND');
    cases.stored = aCase({ status: 'ACCEPTED' });
    expect(await codeOf(useCase.execute({ user: principal(), caseNo: 'x', reason: '理由' }))).toBe(
      'INVALID_STATE',
    );
    expect([cases.saved.length, events.written.length, relay.pokes]).toEqual([0, 0, 0]);
  });
});
