import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { LicencesService } from './licences.service';

/** approval.case.approved → exactly one licence (idempotent by event id AND by case + item). */
@Controller()
export class ApprovedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly licences: LicencesService,
  ) {}

  @EventPattern(TOPICS.APPROVAL_CASE_APPROVED)
  async onApproved(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_APPROVED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      await this.licences.issue(em, e.payload);
    });
  }
}
