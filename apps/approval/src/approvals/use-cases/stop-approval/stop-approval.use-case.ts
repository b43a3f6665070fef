import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { ApplicationWithdrawnV1 } from '@app/shared/contracts';
import { withCalendar } from '../../calendar-guard';
import { APPROVAL_STATUS } from '../../entities/approval-case.entity';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { SYSTEM_ACTOR } from '../open-approval/open-approval.use-case';

/** Intake statuses in which the case had reached approval (or was on its way there). */
const ACCEPTED_STATUSES = ['ACCEPTED', 'IN_APPROVAL'];

/** What a withdrawal did to approval. */
export type StopApprovalOutcome =
  /** OPEN / SUSPENDED → WITHDRAWN (a running 特别程序 ended with it). */
  | 'WITHDRAWN'
  /** Approval never opened a case of that number: nothing to stop. */
  | 'NOT_OPENED'
  /** Already WITHDRAWN (the same withdrawal under another event id): nothing changes. */
  | 'ALREADY_WITHDRAWN'
  /** Already APPROVED / DENIED: the decision stands. */
  | 'ALREADY_DECIDED';

/** The result recorded on a 特别程序 that a withdrawal ends. */
export const WITHDRAWN_PROCEDURE_RESULT =
  '申请人撤回申请，特别程序终止 / ended by the withdrawal of the application';
/** The audit opinion of a withdrawal that gave no reason. */
export const WITHDRAWN_DEFAULT_OPINION = '申请人撤回申请 / The applicant withdrew the application';

/**
 * The applicant withdrew the application (intake.application.withdrawn.v1): approval stops. Runs inside
 * the consumer's inbox transaction (`em`), so a redelivered event changes nothing.
 *
 * - An OPEN or SUSPENDED case becomes WITHDRAWN, audited as WITHDRAWN by the system at the withdrawal
 *   time with its reason; a running 特别程序 ends at the withdrawal date (its paused working days are
 *   recorded, nothing is resumed). No approved / denied event is published, and every later command
 *   answers 409 INVALID_STATE (the case is neither OPEN nor SUSPENDED any more).
 * - A case approval never opened is nothing to stop, and nothing is written: intake may withdraw an
 *   application before 受理 (SUBMITTED, awaiting a supplement), and only accepted applications ever reach
 *   approval. Throwing would redeliver the event forever for a case that may never appear here, and a
 *   placeholder case would invent one. The case number is remembered instead (withdrawals_before_opening):
 *   accepted and withdrawn travel on different topics, which Kafka does not order, so a withdrawal may
 *   overtake its acceptance — which then opens nothing. Both run under the same case-number lock.
 * - A case already APPROVED / DENIED stays as it is: the decision was taken and announced before the
 *   withdrawal reached approval; intake settles the case from the events it received. It is logged.
 */
@Injectable()
export class StopApprovalUseCase {
  private readonly logger = new Logger(StopApprovalUseCase.name);

  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly calendar: WorkCalendar,
  ) {}

  async execute(em: EntityManager, e: ApplicationWithdrawnV1): Promise<StopApprovalOutcome> {
    await this.cases.lockCaseNo(em, e.caseNo);
    const a = await this.cases.findForUpdate(em, e.caseNo);
    if (!a) {
      // Remembered either way: an acceptance still on its way (another topic, no order between them)
      // then opens nothing.
      await this.cases.rememberWithdrawal(em, e.caseNo, new Date(e.withdrawnAt), e.previousStatus);
      const info = { caseNo: e.caseNo, previousStatus: e.previousStatus };
      if (ACCEPTED_STATUSES.includes(e.previousStatus)) {
        this.logger.log(info, 'withdrawal of an accepted case before approval opened it: it will not open');
      } else this.logger.log(info, 'withdrawal before acceptance: approval has nothing to stop');
      return 'NOT_OPENED';
    }
    if (a.status === APPROVAL_STATUS.WITHDRAWN) return 'ALREADY_WITHDRAWN';
    if (a.status === APPROVAL_STATUS.APPROVED || a.status === APPROVAL_STATUS.DENIED) {
      this.logger.warn(
        { caseNo: a.caseNo, status: a.status, withdrawnAt: e.withdrawnAt },
        'withdrawal of an approval case already decided: the decision stands',
      );
      return 'ALREADY_DECIDED';
    }
    const at = new Date(e.withdrawnAt);
    let procedureId: string | null = null;
    if (a.status === APPROVAL_STATUS.SUSPENDED) {
      const p = await this.cases.findRunningProcedureForUpdate(em, a.id);
      if (p) {
        const endedOn = this.calendar.toShanghaiDate(at);
        p.endedAt = at;
        p.endedOn = endedOn < p.startedOn ? p.startedOn : endedOn;
        p.endedBy = SYSTEM_ACTOR.name ?? SYSTEM_ACTOR.sub;
        p.result = WITHDRAWN_PROCEDURE_RESULT;
        p.pausedWorkingDays =
          p.endedOn > p.startedOn
            ? withCalendar(() => this.calendar.workingDaysBetween(p.startedOn, p.endedOn!))
            : 0;
        await this.cases.saveProcedure(em, p);
        procedureId = p.id;
      }
    }
    a.status = APPROVAL_STATUS.WITHDRAWN;
    await this.cases.save(em, a);
    await this.cases.appendAudit(em, a, {
      action: 'WITHDRAWN',
      stepNo: a.currentStep,
      actor: SYSTEM_ACTOR,
      opinion: e.reason?.trim() ? e.reason : WITHDRAWN_DEFAULT_OPINION,
      at,
      procedureId,
    });
    this.logger.log({ caseNo: a.caseNo, procedureId }, 'approval stopped: the application was withdrawn');
    return 'WITHDRAWN';
  }
}
