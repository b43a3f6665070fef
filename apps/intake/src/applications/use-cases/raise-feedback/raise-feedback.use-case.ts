import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseWatchEvents } from '../../case-watch-events';
import { FeedbackView } from '../../dto/feedback.dto';
import { CaseFeedbackEntity, FEEDBACK_STATUS } from '../../entities/case-feedback.entity';
import { CaseFeedbackRepository } from '../../repositories/case-feedback.repository';
import { CaseRepository } from '../../repositories/case.repository';

export interface RaiseFeedbackCommand {
  user: Principal;
  caseNo: string;
  reason: string;
}

/**
 * "办不成事" 反映 by the applicant who filed the case (anyone else: 404): opens a feedback item for the chief
 * of the case's department (首问负责), at most one OPEN per case (409 INVALID_STATE), on the timeline and
 * as intake.case.feedback-raised (applicant masked, reason scrubbed).
 */
@Injectable()
export class RaiseFeedbackUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly feedback: CaseFeedbackRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly watch: CaseWatchEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: RaiseFeedbackCommand): Promise<FeedbackView> {
    const view = await this.cases.inTransaction(undefined, async (em) => {
      const c = await this.cases.lockCase(em, cmd.caseNo);
      this.policy.assertIsOwner(cmd.user, c);
      const open = await this.feedback.openOf(em, c.caseNo);
      if (open) {
        throw new DomainError('INVALID_STATE', 'an earlier feedback on this case is still open', {
          caseNo: c.caseNo,
          openFeedbackId: open.id,
        });
      }
      const now = new Date();
      const f = await this.feedback.save(
        em,
        Object.assign(new CaseFeedbackEntity(), {
          caseNo: c.caseNo,
          deptCode: c.deptCode,
          reason: cmd.reason,
          raisedBy: cmd.user.name ?? cmd.user.sub,
          raisedAt: now,
          answer: null,
          answeredBy: null,
          answeredAt: null,
          status: FEEDBACK_STATUS.OPEN,
        }),
      );
      await this.cases.appendTimeline(em, c.caseNo, {
        action: 'FEEDBACK_RAISED',
        occurredAt: now,
        actor: f.raisedBy,
        detail: { feedbackId: f.id, reason: f.reason },
      });
      await this.watch.feedbackRaised(em, c, f);
      return FeedbackView.from(f);
    });
    this.relay.poke();
    return view;
  }
}
