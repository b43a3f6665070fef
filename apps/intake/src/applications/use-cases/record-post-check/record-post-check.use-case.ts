import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseEvents } from '../../case-events';
import { CaseWatchEvents } from '../../case-watch-events';
import { PostCheckView } from '../../dto/obligations.response.dto';
import { CASE_STATUS } from '../../entities/case.entity';
import { POST_CHECK_STATUS, PostCheckEntity } from '../../entities/post-check.entity';
import { CaseRepository } from '../../repositories/case.repository';
import { ObligationsRepository } from '../../repositories/obligations.repository';

export type PostCheckResult = 'PASSED' | 'FAILED';

export interface RecordPostCheckCommand {
  user: Principal;
  caseNo: string;
  result: PostCheckResult;
  /** Why it failed (required for FAILED), or a remark. */
  reason?: string;
}

/** 办结结果 0 出证办结 (准予许可): the only result a post-check can revoke. */
const DONE_GRANTED = '0';

/**
 * 事后核查 by staff of the case's department: PASSED, or FAILED with a reason — once per task (409 after).
 * Only a case already decided in the applicant's favour (DONE, result 0) is checked. PASSED publishes
 * intake.case.post-check-passed. FAILED revokes the
 * case's result: the case records when and why, the timeline shows it, and intake.case.post-check-failed
 * tells certificate to revoke the licence. The commitment record is never touched.
 */
@Injectable()
export class RecordPostCheckUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly obligations: ObligationsRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
    private readonly watch: CaseWatchEvents,
  ) {}

  async execute(cmd: RecordPostCheckCommand): Promise<PostCheckView> {
    const p = await this.cases.inTransaction(undefined, (em) => this.record(em, cmd));
    this.relay.poke();
    return PostCheckView.from(p);
  }

  private async record(em: EntityManager, cmd: RecordPostCheckCommand): Promise<PostCheckEntity> {
    const reason = cmd.reason?.trim() ? cmd.reason.trim() : null;
    if (cmd.result === 'FAILED' && !reason) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'reason', problems: ['核查不通过须说明原因 / a failed post-check needs a reason'] },
      ]);
    }
    const c = await this.cases.lockCase(em, cmd.caseNo);
    this.policy.assertCanHandle(cmd.user, c);
    const p = await this.obligations.postCheck(c.caseNo, em);
    if (!p) throw new DomainError('POST_CHECK_NOT_FOUND', undefined, { caseNo: c.caseNo });
    if (p.status !== POST_CHECK_STATUS.PENDING) {
      throw new DomainError('INVALID_STATE', undefined, { postCheckNo: p.postCheckNo, status: p.status });
    }
    if (c.status !== CASE_STATUS.DONE || c.doneResult !== DONE_GRANTED) {
      throw new DomainError('INVALID_STATE', undefined, {
        status: c.status,
        doneResult: c.doneResult,
        action: 'recordPostCheck',
        expected: 'DONE with doneResult 0',
      });
    }
    const now = new Date();
    const by = cmd.user.name ?? cmd.user.sub;
    p.status = cmd.result === 'FAILED' ? POST_CHECK_STATUS.FAILED : POST_CHECK_STATUS.PASSED;
    p.resultReason = reason;
    p.checkedBy = by;
    p.checkedAt = now;
    await this.obligations.savePostCheck(em, p);
    const detail = { postCheckNo: p.postCheckNo, commitmentNo: p.commitmentNo, reason };
    if (p.status === POST_CHECK_STATUS.PASSED) {
      await this.cases.save(em, c);
      await this.cases.appendTimeline(em, c.caseNo, {
        action: 'POST_CHECK_PASSED',
        occurredAt: now,
        actor: by,
        detail,
      });
      await this.watch.postCheckPassed(em, c, p);
      return p;
    }
    c.resultRevokedAt = now;
    c.resultRevocationReason = reason;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'POST_CHECK_FAILED',
      occurredAt: now,
      actor: by,
      detail,
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'RESULT_REVOKED',
      occurredAt: now,
      actor: by,
      detail: { reason, licenceId: c.licenceId, commitmentNo: p.commitmentNo },
    });
    await this.events.postCheckFailed(em, c, p);
    return p;
  }
}
