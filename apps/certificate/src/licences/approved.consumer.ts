import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { IssueLicenceUseCase } from './use-cases/issue-licence/issue-licence.use-case';

/** approval.case.approved → exactly one licence (idempotent by event id AND by case + item). */
@Controller()
export class ApprovedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly issueLicence: IssueLicenceUseCase,
  ) {}

  @EventPattern(TOPICS.APPROVAL_CASE_APPROVED)
  async onApproved(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_APPROVED>): Promise<void> {
    const p = e.payload;
    await this.inbox.handleOnce(e, async (em) => {
      await this.issueLicence.execute(em, {
        caseNo: p.caseNo,
        itemCode: p.itemCode,
        deptCode: p.deptCode,
        deptName: p.deptName,
        applicant: p.applicant,
        licence: p.licence ?? null,
        approvedAt: new Date(p.approvedAt),
      });
    });
  }
}
