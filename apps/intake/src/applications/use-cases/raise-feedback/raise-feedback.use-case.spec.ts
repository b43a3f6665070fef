import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from '../../applications.policy';
import { FakeFeedbackRepository } from '../../testing/case-feedback.fixture';
import {
  aCase,
  FakeCaseRepository,
  FakeCaseWatchEvents,
  FakeRelay,
  principal,
} from '../../testing/case.fixture';
import { RaiseFeedbackUseCase } from './raise-feedback.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('RaiseFeedbackUseCase', () => {
  const owner = principal({ sub: 'citizen-1', name: '张三', roles: ['applicant'], dept: undefined });
  let cases: FakeCaseRepository;
  let feedback: FakeFeedbackRepository;
  let useCase: RaiseFeedbackUseCase;
  let watch: FakeCaseWatchEvents;
  let relay: FakeRelay;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase());
    feedback = new FakeFeedbackRepository();
    watch = new FakeCaseWatchEvents();
    relay = new FakeRelay();
    useCase = new RaiseFeedbackUseCase(
      cases.asRepository(),
      feedback.asRepository(),
      new ApplicationsPolicy(),
      watch.asWatchEvents(),
      relay.asRelay(),
    );
  });

  it('opens an item for the department’s chief, on the timeline', async () => {
    const view = await useCase.execute({ user: owner, caseNo: 'x', reason: '材料已齐全但迟迟不受理' });
    expect(view).toMatchObject({
      caseNo: aCase().caseNo,
      deptCode: aCase().deptCode,
      reason: '材料已齐全但迟迟不受理',
      raisedBy: '张三',
      status: 'OPEN',
      answer: null,
    });
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'FEEDBACK_RAISED',
        actor: '张三',
        detail: { feedbackId: view.id, reason: '材料已齐全但迟迟不受理' },
      }),
    ]);
    expect(cases.transactions).toBe(1);
    expect([watch.kinds(), relay.pokes]).toEqual([['feedbackRaised'], 1]);
  });

  it('refuses a second open item (409) and anyone but the owner (404); nothing written', async () => {
    await useCase.execute({ user: owner, caseNo: 'x', reason: '第一次' });
    expect(await codeOf(useCase.execute({ user: owner, caseNo: 'x', reason: '第二次' }))).toBe(
      'INVALID_STATE',
    );
    const stranger = principal({ sub: 'citizen-2', roles: ['applicant'], dept: undefined });
    expect(await codeOf(useCase.execute({ user: stranger, caseNo: 'x', reason: '别人的' }))).toBe(
      'CASE_NOT_FOUND',
    );
    expect([feedback.items.length, cases.timeline.length]).toEqual([1, 1]);
  });

  it('allows a new item once the earlier one is answered', async () => {
    await useCase.execute({ user: owner, caseNo: 'x', reason: '第一次' });
    feedback.items[0].status = 'ANSWERED';
    expect(await codeOf(useCase.execute({ user: owner, caseNo: 'x', reason: '第二次' }))).toBe('OK');
    expect(feedback.items.map((f) => f.status)).toEqual(['ANSWERED', 'OPEN']);
  });
});
