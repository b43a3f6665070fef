import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { WorkOrderDetailView } from '../../dto/work-order.response.dto';
import { WORK_ORDER_ACTION } from '../../work-order-state';
import { WorkOrderTransitions } from '../../work-order-transitions.service';

export interface VerifyBadReviewCommand {
  note: string;
}

/** 回访核实: staff of the order's department called the rater back and verified the complaint. ASSIGNED → VERIFIED. */
@Injectable()
export class VerifyBadReviewUseCase {
  constructor(private readonly transitions: WorkOrderTransitions) {}

  execute(user: Principal, id: string, cmd: VerifyBadReviewCommand): Promise<WorkOrderDetailView> {
    return this.transitions.run(user, id, {
      command: WORK_ORDER_ACTION.VERIFY,
      access: 'handle',
      note: cmd.note,
      apply: (o, now) => {
        o.verifiedAt = now;
      },
    });
  }
}
