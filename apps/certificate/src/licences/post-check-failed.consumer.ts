import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { RevokeLicenceUseCase } from './use-cases/revoke-licence/revoke-licence.use-case';

/** The 注销 reason recorded for a failed 事后核查 (告知承诺制). */
export const POST_CHECK_REVOCATION_PREFIX = '告知承诺事后核查不通过 / post-check failed';

/** intake.case.post-check-failed → the case's licences are revoked (idempotent by event id and by state). */
@Controller()
export class PostCheckFailedConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly revoke: RevokeLicenceUseCase,
  ) {}

  @EventPattern(TOPICS.CASE_POST_CHECK_FAILED)
  async onFailed(@Payload() e: InboundEvent<typeof TOPICS.CASE_POST_CHECK_FAILED>): Promise<void> {
    const p = e.payload;
    await this.inbox.handleOnce(e, async (em) => {
      await this.revoke.execute(em, {
        caseNo: p.caseNo,
        licenceId: p.licenceId ?? null,
        reason: `${POST_CHECK_REVOCATION_PREFIX}: ${p.reason}`.slice(0, 1000),
        at: new Date(p.checkedAt),
      });
    });
  }
}
