import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseWatchEvents } from '../../case-watch-events';
import { FeedbackView } from '../../dto/feedback.dto';
import { FEEDBACK_STATUS } from '../../entities/case-feedback.entity';
import { CaseFeedbackRepository } from '../../repositories/case-feedback.repository';
import { CaseRepository } from '../../repositories/case.repository';

export interface AnswerFeedbackCommand {
  user: Principal;
  caseNo: string;
  feedbackId: string;
  answer: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The written answer to a "办不成事" item by the chief of the case's department (another department's case:
 * 404 CASE_NOT_FOUND; an unknown item: 404 NOT_FOUND; an item already answered: 409 INVALID_STATE), with
 * intake.case.feedback-answered.
 */
@Injectable()
export class AnswerFeedbackUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly feedback: CaseFeedbackRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly watch: CaseWatchEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: AnswerFeedbackCommand): Promise<FeedbackView> {
    const view = await this.cases.inTransaction(undefined, async (em) => {
      const c = await this.cases.lockCase(em, cmd.caseNo);
      this.policy.assertIsChiefOf(cmd.user, c);
      const f = UUID.test(cmd.feedbackId) ? await this.feedback.lockOne(em, c.caseNo, cmd.feedbackId) : null;
      if (!f) {
        throw new DomainError('NOT_FOUND', 'no such feedback on this case', {
          caseNo: c.caseNo,
          feedbackId: cmd.feedbackId,
        });
      }
      if (f.status !== FEEDBACK_STATUS.OPEN) {
        throw new DomainError('INVALID_STATE', 'the feedback is already answered', {
          caseNo: c.caseNo,
          feedbackId: f.id,
        });
      }
      const now = new Date();
      f.answer = cmd.answer;
      f.answeredBy = cmd.user.name ?? cmd.user.sub;
      f.answeredAt = now;
      f.status = FEEDBACK_STATUS.ANSWERED;
      await this.feedback.save(em, f);
      await this.cases.appendTimeline(em, c.caseNo, {
        action: 'FEEDBACK_ANSWERED',
        occurredAt: now,
        actor: f.answeredBy,
        detail: { feedbackId: f.id, answer: f.answer },
      });
      await this.watch.feedbackAnswered(em, c, f);
      return FeedbackView.from(f);
    });
    this.relay.poke();
    return view;
  }
}
