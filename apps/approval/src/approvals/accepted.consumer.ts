import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { OpenApprovalUseCase } from './use-cases/open-approval/open-approval.use-case';

/** intake.application.accepted → one approval case (idempotent by event id and by case number). */
@Controller()
export class AcceptedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly openApproval: OpenApprovalUseCase,
  ) {}

  @EventPattern(TOPICS.APPLICATION_ACCEPTED)
  async onAccepted(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_ACCEPTED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      await this.openApproval.execute(em, e.payload);
    });
  }
}
