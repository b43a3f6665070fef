import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { RecordOwedSupplyUseCase } from './use-cases/record-owed-supply/record-owed-supply.use-case';
import { StopApprovalUseCase } from './use-cases/stop-approval/stop-approval.use-case';

/** The audit opinion of approval stopped because owed materials were not supplied in time. */
export const OWED_OVERDUE_OPINION =
  '容缺材料逾期未补交，退件 (办结结果 5) / Owed materials not supplied in time: the case was returned';

/**
 * 容缺受理: owed materials supplied → marked on the case (the last step may then be decided); owed
 * materials overdue → intake ended the case as 退件 and approval stops the way a withdrawal stops it
 * (status WITHDRAWN: stopped without a decision; audited with the reason). Idempotent by event id (the
 * inbox) and by state.
 */
@Controller()
export class OwedMaterialsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly recordSupply: RecordOwedSupplyUseCase,
    private readonly stopApproval: StopApprovalUseCase,
  ) {}

  @EventPattern(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED)
  async onSupplied(
    @Payload() e: InboundEvent<typeof TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED>,
  ): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      await this.recordSupply.execute(em, e.payload);
    });
  }

  @EventPattern(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE)
  async onOverdue(
    @Payload() e: InboundEvent<typeof TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE>,
  ): Promise<void> {
    const p = e.payload;
    await this.inbox.handleOnce(e, async (em) => {
      await this.stopApproval.execute(em, {
        caseNo: p.caseNo,
        itemCode: p.itemCode,
        itemName: p.itemName,
        deptCode: p.deptCode,
        deptName: p.deptName,
        withdrawnAt: p.overdueAt,
        previousStatus: p.previousStatus,
        reason: OWED_OVERDUE_OPINION,
      });
    });
  }
}
