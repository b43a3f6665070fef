import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { StopApprovalUseCase } from './use-cases/stop-approval/stop-approval.use-case';

/** intake.application.withdrawn → approval of that case stops (idempotent by event id and by status). */
@Controller()
export class WithdrawnConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly stopApproval: StopApprovalUseCase,
  ) {}

  @EventPattern(TOPICS.APPLICATION_WITHDRAWN)
  async onWithdrawn(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_WITHDRAWN>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      await this.stopApproval.execute(em, e.payload);
    });
  }
}
