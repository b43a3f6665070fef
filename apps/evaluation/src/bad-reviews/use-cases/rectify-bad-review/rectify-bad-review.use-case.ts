import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { RECTIFICATION_MODES } from '@app/shared/contracts';
import { WorkOrderDetailView } from '../../dto/work-order.response.dto';
import { rectifiedEvent } from '../../work-order-events';
import { WORK_ORDER_ACTION } from '../../work-order-state';
import { WorkOrderTransitions } from '../../work-order-transitions.service';

export interface RectifyBadReviewCommand {
  mode: (typeof RECTIFICATION_MODES)[number];
  measures: string;
}

/**
 * 整改到位: 立行立改 (IMMEDIATE) or 台账/限期整改 (SCHEDULED), with the measures taken. VERIFIED → RECTIFIED;
 * publishes evaluation.bad-review.rectified.v1 (outcome RECTIFIED) in the same transaction.
 */
@Injectable()
export class RectifyBadReviewUseCase {
  constructor(private readonly transitions: WorkOrderTransitions) {}

  execute(user: Principal, id: string, cmd: RectifyBadReviewCommand): Promise<WorkOrderDetailView> {
    return this.transitions.run(user, id, {
      command: WORK_ORDER_ACTION.RECTIFY,
      access: 'handle',
      note: cmd.measures,
      details: { mode: cmd.mode },
      apply: (o, now) => {
        o.outcome = 'RECTIFIED';
        o.rectifyMode = cmd.mode;
        o.rectifiedAt = now;
      },
      event: (o, now) => rectifiedEvent(o, 'RECTIFIED', user, now),
    });
  }
}
