import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { RecordCompletedCaseUseCase } from './use-cases/record-completed-case/record-completed-case.use-case';

/** intake.case.completed → the case can be rated by its applicant. */
@Controller()
export class CaseCompletedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly recordCompletedCase: RecordCompletedCaseUseCase,
  ) {}

  @EventPattern(TOPICS.CASE_COMPLETED)
  async onCompleted(@Payload() e: InboundEvent<typeof TOPICS.CASE_COMPLETED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.recordCompletedCase.execute(em, e.payload));
  }
}
