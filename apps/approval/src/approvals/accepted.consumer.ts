import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { ApprovalsService } from './approvals.service';

/** intake.application.accepted → one approval case (idempotent by event id and by case number). */
@Controller()
export class AcceptedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly approvals: ApprovalsService,
  ) {}

  @EventPattern(TOPICS.APPLICATION_ACCEPTED)
  async onAccepted(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_ACCEPTED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      await this.approvals.open(em, e.payload);
    });
  }
}
