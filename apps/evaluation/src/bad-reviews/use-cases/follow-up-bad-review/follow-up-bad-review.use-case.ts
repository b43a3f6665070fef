import { DomainError } from '@app/shared/errors';
import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { WorkOrderDetailView } from '../../dto/work-order.response.dto';
import { closedEvent } from '../../work-order-events';
import { WORK_ORDER_ACTION } from '../../work-order-state';
import { WorkOrderTransitions } from '../../work-order-transitions.service';

export interface FollowUpBadReviewCommand {
  contacted: boolean;
  raterSatisfied: boolean;
  note: string;
}

/**
 * 回访: the department reached the rater after rectifying or explaining and records whether the rater is
 * satisfied. RECTIFIED|EXPLAINED → CLOSED; publishes evaluation.bad-review.closed.v1 (closure FOLLOWED_UP).
 * A rater not reached closes nothing (422 RATER_NOT_CONTACTED): 实名差评 are always followed up.
 */
@Injectable()
export class FollowUpBadReviewUseCase {
  constructor(private readonly transitions: WorkOrderTransitions) {}

  execute(user: Principal, id: string, cmd: FollowUpBadReviewCommand): Promise<WorkOrderDetailView> {
    if (!cmd.contacted) return Promise.reject(new DomainError('RATER_NOT_CONTACTED', undefined, { id }));
    return this.transitions.run(user, id, {
      command: WORK_ORDER_ACTION.FOLLOW_UP,
      access: 'handle',
      note: cmd.note,
      details: { contacted: true, raterSatisfied: cmd.raterSatisfied },
      apply: (o, now) => {
        o.followedUpAt = now;
        o.raterSatisfied = cmd.raterSatisfied;
        o.closure = 'FOLLOWED_UP';
        o.closedAt = now;
      },
      event: (o, now) => closedEvent(o, 'FOLLOWED_UP', user, now),
    });
  }
}
