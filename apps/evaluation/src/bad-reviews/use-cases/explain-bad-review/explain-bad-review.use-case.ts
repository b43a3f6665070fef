import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { WorkOrderDetailView } from '../../dto/work-order.response.dto';
import { rectifiedEvent } from '../../work-order-events';
import { WORK_ORDER_ACTION } from '../../work-order-state';
import { WorkOrderTransitions } from '../../work-order-transitions.service';

export interface ExplainBadReviewCommand {
  explanation: string;
}

/**
 * 解释说明: the request has no legal basis and this was explained to the rater. VERIFIED → EXPLAINED;
 * publishes evaluation.bad-review.rectified.v1 (outcome EXPLAINED, mode null) in the same transaction.
 */
@Injectable()
export class ExplainBadReviewUseCase {
  constructor(private readonly transitions: WorkOrderTransitions) {}

  execute(user: Principal, id: string, cmd: ExplainBadReviewCommand): Promise<WorkOrderDetailView> {
    return this.transitions.run(user, id, {
      command: WORK_ORDER_ACTION.EXPLAIN,
      access: 'handle',
      note: cmd.explanation,
      apply: (o, now) => {
        o.outcome = 'EXPLAINED';
        o.rectifyMode = null;
        o.rectifiedAt = now;
      },
      event: (o, now) => rectifiedEvent(o, 'EXPLAINED', user, now),
    });
  }
}
