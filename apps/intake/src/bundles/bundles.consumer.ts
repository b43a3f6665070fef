import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { BundleRepository } from './repositories/bundle.repository';
import { RecordMemberOutcomeUseCase } from './use-cases/record-member-outcome/record-member-outcome.use-case';

/** The inbox consumer name of bundles (processed_events), apart from the case consumers of intake. */
export const BUNDLES_CONSUMER = 'intake.bundles';

/**
 * Drives bundles from their members' ends: intake.case.completed (intake's own event, published with the
 * case's 办结 — licence issued, approved, denied, 不予受理, withdrawn, 退件) records the member's outcome and
 * starts the members that waited for its result, once per event (the inbox).
 *
 * Most cases are filed on their own: one index read, outside any transaction, finds that the case belongs to
 * no bundle, and the event is acknowledged without an inbox transaction. (A member's bundle row is written
 * when the member's case is created, so it is there before the case can complete.)
 */
@Controller()
export class BundlesConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly recordOutcome: RecordMemberOutcomeUseCase,
    private readonly bundles: BundleRepository,
  ) {}

  @EventPattern(TOPICS.CASE_COMPLETED)
  async onCaseCompleted(@Payload() e: InboundEvent<typeof TOPICS.CASE_COMPLETED>): Promise<void> {
    const { caseNo, doneResult, licenceId, completedAt } = e.payload;
    if (!(await this.bundles.hasMember(caseNo))) return;
    await this.inbox.handleOnce(
      e,
      (em) =>
        this.recordOutcome.execute(
          { caseNo, doneResult, licenceId: licenceId ?? null, completedAt: new Date(completedAt) },
          em,
        ),
      BUNDLES_CONSUMER,
    );
  }
}
