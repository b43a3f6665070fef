import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseFeedbackEntity } from '../../entities/case-feedback.entity';
import {
  aCase,
  FakeCaseRepository,
  FakeCaseWatchEvents,
  FakeRelay,
  GA,
  principal,
} from '../../testing/case.fixture';
import { FakeFeedbackRepository } from '../../testing/case-feedback.fixture';
import { AnswerFeedbackUseCase } from './answer-feedback.use-case';

const ID = '00000000-0000-4000-8000-000000000001';
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('AnswerFeedbackUseCase', () => {
  const chief = principal({ sub: 'chief-1', name: '首席代表', roles: ['chief'] });
  let cases: FakeCaseRepository;
  let feedback: FakeFeedbackRepository;
  let useCase: AnswerFeedbackUseCase;
  let watch: FakeCaseWatchEvents;

  beforeEach(() => {
    cases = new FakeCaseRepository(aCase());
    feedback = new FakeFeedbackRepository();
    feedback.items.push(
      Object.assign(new CaseFeedbackEntity(), {
        id: ID,
        caseNo: aCase().caseNo,
        deptCode: aCase().deptCode,
        reason: '迟迟不受理',
        raisedBy: '张三',
        raisedAt: new Date('2026-11-26T02:00:00Z'),
        answer: null,
        answeredBy: null,
        answeredAt: null,
        status: 'OPEN',
      }),
    );
    watch = new FakeCaseWatchEvents();
    useCase = new AnswerFeedbackUseCase(
      cases.asRepository(),
      feedback.asRepository(),
      new ApplicationsPolicy(),
      watch.asWatchEvents(),
      new FakeRelay().asRelay(),
    );
  });

  it('answers the open item in writing, on the timeline', async () => {
    const view = await useCase.execute({
      user: chief,
      caseNo: 'x',
      feedbackId: ID,
      answer: '已督办, 今日受理',
    });
    expect(view).toMatchObject({
      status: 'ANSWERED',
      answer: '已督办, 今日受理',
      answeredBy: '首席代表',
      answeredAt: expect.any(String),
    });
    expect(cases.timeline).toEqual([
      expect.objectContaining({
        action: 'FEEDBACK_ANSWERED',
        actor: '首席代表',
        detail: { feedbackId: ID, answer: '已督办, 今日受理' },
      }),
    ]);
    expect(watch.kinds()).toEqual(['feedbackAnswered']);
  });

  it('is the chief of the case’s department only (404), for a known item (404) not yet answered (409)', async () => {
    const run = (over: Partial<Parameters<AnswerFeedbackUseCase['execute']>[0]>) =>
      codeOf(useCase.execute({ user: chief, caseNo: 'x', feedbackId: ID, answer: '答复内容', ...over }));
    expect(await run({ user: principal({ roles: ['chief'], dept: GA }) })).toBe('CASE_NOT_FOUND');
    expect(await run({ user: principal({ roles: ['clerk'] }) })).toBe('CASE_NOT_FOUND');
    expect(await run({ feedbackId: 'not-a-uuid' })).toBe('NOT_FOUND');
    expect(await run({ feedbackId: '00000000-0000-4000-8000-000000000009' })).toBe('NOT_FOUND');
    expect([cases.timeline, watch.written]).toEqual([[], []]);
    expect(await run({})).toBe('OK');
    expect(await run({})).toBe('INVALID_STATE');
    expect(cases.timeline).toHaveLength(1);
  });
});
