import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { AppealDecision } from '../../dto/work-order-commands.request.dto';
import { WorkOrderDetailView } from '../../dto/work-order.response.dto';
import { closedEvent } from '../../work-order-events';
import { WORK_ORDER_ACTION } from '../../work-order-state';
import { WorkOrderTransitions } from '../../work-order-transitions.service';

export interface DecideBadReviewAppealCommand {
  decision: AppealDecision;
  note: string;
}

/**
 * 申诉复核 by a supervisor: UPHELD — the rating stands and the order goes back to VERIFIED (the department
 * now rectifies or explains); VOIDED — the rating was mistaken or malicious, the order ends VOIDED, leaves
 * the statistics and publishes evaluation.bad-review.closed.v1 (closure VOIDED).
 */
@Injectable()
export class DecideBadReviewAppealUseCase {
  constructor(private readonly transitions: WorkOrderTransitions) {}

  execute(user: Principal, id: string, cmd: DecideBadReviewAppealCommand): Promise<WorkOrderDetailView> {
    const voided = cmd.decision === 'VOIDED';
    return this.transitions.run(user, id, {
      command: voided ? WORK_ORDER_ACTION.VOID : WORK_ORDER_ACTION.UPHOLD,
      access: 'decide',
      note: cmd.note,
      details: { decision: cmd.decision },
      apply: (o, now) => {
        o.appealDecision = cmd.decision;
        o.appealDecidedAt = now;
        if (voided) {
          o.closure = 'VOIDED';
          o.closedAt = now;
        }
      },
      event: voided ? (o, now) => closedEvent(o, 'VOIDED', user, now) : undefined,
    });
  }
}
