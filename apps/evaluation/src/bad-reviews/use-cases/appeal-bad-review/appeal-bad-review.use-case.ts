import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { APPEAL_REASONS } from '../../dto/work-order-commands.request.dto';
import { WorkOrderDetailView } from '../../dto/work-order.response.dto';
import { WORK_ORDER_ACTION } from '../../work-order-state';
import { WorkOrderTransitions } from '../../work-order-transitions.service';

export interface AppealBadReviewCommand {
  reason: (typeof APPEAL_REASONS)[number];
  text: string;
}

/**
 * 申诉: the department holds the rating mistaken (误评) or malicious (恶意差评) and asks 电子监察 to review
 * it. VERIFIED → APPEALED, once per order (409 APPEAL_ALREADY_DECIDED after a decided appeal).
 */
@Injectable()
export class AppealBadReviewUseCase {
  constructor(private readonly transitions: WorkOrderTransitions) {}

  execute(user: Principal, id: string, cmd: AppealBadReviewCommand): Promise<WorkOrderDetailView> {
    return this.transitions.run(user, id, {
      command: WORK_ORDER_ACTION.APPEAL,
      access: 'handle',
      note: cmd.text,
      details: { reason: cmd.reason },
      apply: (o, now) => {
        o.appealReason = cmd.reason;
        o.appealedAt = now;
      },
    });
  }
}
