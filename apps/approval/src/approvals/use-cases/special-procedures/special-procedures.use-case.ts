import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { SPECIAL_PROCEDURE_TYPES, SpecialProcedureType, TOPICS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { ApprovalConfig } from '../../../config/approval.config';
import { DelegationRepository } from '../../../authorisations/delegation.repository';
import { ApprovalsPolicy } from '../../approvals.policy';
import { withCalendar } from '../../calendar-guard';
import { Clock } from '../../clock';
import { delegationOf } from '../../delegated-access';
import { ApprovalView } from '../../dto/approval.response.dto';
import { APPROVAL_STATUS } from '../../entities/approval-case.entity';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { applyResume, capPause } from '../../workflow';
import { ApprovalQueries } from '../approval-queries/approval-queries.use-case';
import { caseRef } from '../close-approval/close-approval.use-case';
import { assertOpen } from '../decide-step/decide-step.use-case';

/** The config key holding the maximum duration (working days) of each 特别程序 type. */
export const SPECIAL_MAX_WORKDAYS_KEY: Record<
  SpecialProcedureType,
  | 'SPECIAL_MAX_WORKDAYS_HEARING'
  | 'SPECIAL_MAX_WORKDAYS_PUBLICITY'
  | 'SPECIAL_MAX_WORKDAYS_VERIFICATION'
  | 'SPECIAL_MAX_WORKDAYS_TESTING'
  | 'SPECIAL_MAX_WORKDAYS_EXPERT_REVIEW'
> = {
  '2': 'SPECIAL_MAX_WORKDAYS_HEARING',
  '3': 'SPECIAL_MAX_WORKDAYS_PUBLICITY',
  '4': 'SPECIAL_MAX_WORKDAYS_VERIFICATION',
  '7': 'SPECIAL_MAX_WORKDAYS_TESTING',
  '8': 'SPECIAL_MAX_WORKDAYS_EXPERT_REVIEW',
};

export interface StartSpecialProcedureCommand {
  caseNo: string;
  type: SpecialProcedureType;
  reason: string;
  expectedEndDate: string;
}

export interface EndSpecialProcedureCommand {
  caseNo: string;
  procedureId: string;
  result: string;
}

/**
 * 特别程序 (行政许可法 Art. 45: 听证, 公示, 核实, 检验检测, 专家评审 are not counted in the time limit).
 * Start: an approver of the department suspends an OPEN case (SUSPENDED; decisions answer 409
 * CASE_SUSPENDED) until the expected end date, at most the type's maximum in working days.
 * End: the clock resumes; the current step's due date moves by the working days in (start date, end
 * date], the case's due date by the days of that span in the case's promise unit (working days for 工作日,
 * natural days for 自然日 and the other units). Both publish the change so intake and supervision follow
 * the same clock (the event's pausedWorkingDays stays the working-day count; its dueDate is authoritative).
 * The type's maximum holds at the end too: the pause credited stops at the latest end the type allows
 * (start date + maximum working days, the bound checked at start, with the maximum configured now); the
 * working days beyond it count against the promise. The overrun is audited (PROCEDURE_OVERRUN) and
 * announced on the resumed event (overrunWorkingDays; 0 within the maximum).
 */
@Injectable()
export class SpecialProceduresUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly policy: ApprovalsPolicy,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly queries: ApprovalQueries,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
    private readonly config: ApprovalConfig,
    private readonly delegations: DelegationRepository,
  ) {}

  async start(user: Principal, cmd: StartSpecialProcedureCommand): Promise<ApprovalView> {
    await this.cases.transaction(async (em) => {
      const found = await this.cases.findForUpdate(em, cmd.caseNo);
      const delegation = await delegationOf(this.delegations, this.policy, user, found, this.clock.now(), em);
      const a = this.policy.actsFor(user, found, cmd.caseNo, ROLES.APPROVER, delegation);
      assertOpen(a);
      const now = this.clock.now();
      const today = this.calendar.toShanghaiDate(now);
      if (cmd.expectedEndDate < today) {
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { field: 'expectedEndDate', problems: [`must be today (${today}) or later`] },
        ]);
      }
      const maxWorkdays = this.config[SPECIAL_MAX_WORKDAYS_KEY[cmd.type]];
      const latest = withCalendar(() => this.calendar.addWorkingDays(today, maxWorkdays));
      if (cmd.expectedEndDate > latest) {
        throw new DomainError('SPECIAL_PROCEDURE_TOO_LONG', undefined, {
          type: cmd.type,
          maxWorkingDays: maxWorkdays,
          latestEndDate: latest,
        });
      }
      const actor = { sub: user.sub, name: user.name ?? null, dept: user.dept ?? null };
      const p = await this.cases.insertProcedure(em, {
        approvalId: a.id,
        caseNo: a.caseNo,
        type: cmd.type,
        reason: cmd.reason,
        expectedEndDate: cmd.expectedEndDate,
        stepNo: a.currentStep,
        startedAt: now,
        startedOn: today,
        startedBy: user.name ?? user.sub,
        endedAt: null,
        endedOn: null,
        endedBy: null,
        result: null,
        pausedWorkingDays: null,
      });
      a.status = APPROVAL_STATUS.SUSPENDED;
      await this.cases.save(em, a);
      await this.cases.appendAudit(em, a, {
        action: 'SUSPENDED',
        stepNo: a.currentStep,
        actor,
        opinion: cmd.reason,
        at: now,
        procedureId: p.id,
        delegationId: delegation?.id ?? null,
      });
      await this.outbox.add(em, TOPICS.APPROVAL_CASE_SUSPENDED, a.caseNo, {
        ...caseRef(a),
        approvalId: a.id,
        procedureId: p.id,
        type: cmd.type,
        typeName: SPECIAL_PROCEDURE_TYPES[cmd.type],
        result: '6',
        reason: cmd.reason,
        expectedEndDate: cmd.expectedEndDate,
        stepNo: a.currentStep,
        suspendedBy: user.name ?? user.sub,
        suspendedAt: now.toISOString(),
      });
    });
    this.relay.poke();
    return this.queries.get(user, cmd.caseNo);
  }

  async end(user: Principal, cmd: EndSpecialProcedureCommand): Promise<ApprovalView> {
    await this.cases.transaction(async (em) => {
      const found = await this.cases.findForUpdate(em, cmd.caseNo);
      const delegation = await delegationOf(this.delegations, this.policy, user, found, this.clock.now(), em);
      const a = this.policy.actsFor(user, found, cmd.caseNo, ROLES.APPROVER, delegation);
      const p = await this.cases.findProcedureForUpdate(em, a.id, cmd.procedureId);
      if (!p) throw new DomainError('SPECIAL_PROCEDURE_NOT_FOUND', undefined, { id: cmd.procedureId });
      if (p.endedAt || a.status !== APPROVAL_STATUS.SUSPENDED) {
        throw new DomainError('INVALID_STATE', '特别程序已结束 / The special procedure has already ended', {
          status: p.endedAt ? 'ENDED' : a.status,
          expected: 'RUNNING',
        });
      }
      const now = this.clock.now();
      const today = this.calendar.toShanghaiDate(now);
      const cal = {
        addWorkingDays: (d: string, n: number) => this.calendar.addWorkingDays(d, n),
        workingDaysBetween: (x: string, y: string) => this.calendar.workingDaysBetween(x, y),
      };
      const type = p.type as SpecialProcedureType;
      const maxWorkdays = this.config[SPECIAL_MAX_WORKDAYS_KEY[type]];
      const cap = withCalendar(() => capPause(p.startedOn, today, maxWorkdays, cal));
      const resumed = withCalendar(() =>
        applyResume(a.steps, a.currentStep, a.dueDate, p.startedOn, cap.creditedEnd, cal, a.promiseUnit),
      );
      p.endedAt = now;
      p.endedOn = today;
      p.endedBy = user.name ?? user.sub;
      p.result = cmd.result;
      p.pausedWorkingDays = resumed.pausedWorkingDays;
      await this.cases.saveProcedure(em, p);
      a.status = APPROVAL_STATUS.OPEN;
      a.steps = resumed.steps;
      a.dueDate = resumed.dueDate;
      await this.cases.save(em, a);
      const actor = { sub: user.sub, name: user.name ?? null, dept: user.dept ?? null };
      const audited = { stepNo: a.currentStep, actor, at: now, procedureId: p.id };
      const delegationId = delegation?.id ?? null;
      await this.cases.appendAudit(em, a, {
        ...audited,
        action: 'RESUMED',
        opinion: cmd.result,
        delegationId,
      });
      if (cap.overrunWorkingDays > 0) {
        const opinion =
          `超出${SPECIAL_PROCEDURE_TYPES[type]}最长期限 ${maxWorkdays} 个工作日 (最迟 ${cap.latestEnd}) ` +
          `${cap.overrunWorkingDays} 个工作日, 超出部分计入办理时限 / ${cap.overrunWorkingDays} working ` +
          `day(s) beyond the maximum of ${maxWorkdays} (latest end ${cap.latestEnd}) count against the promise`;
        await this.cases.appendAudit(em, a, {
          ...audited,
          action: 'PROCEDURE_OVERRUN',
          opinion,
          delegationId,
        });
      }
      await this.outbox.add(em, TOPICS.APPROVAL_CASE_RESUMED, a.caseNo, {
        ...caseRef(a),
        approvalId: a.id,
        procedureId: p.id,
        type: p.type,
        typeName: SPECIAL_PROCEDURE_TYPES[type],
        reason: p.reason,
        expectedEndDate: p.expectedEndDate,
        procedureResult: cmd.result,
        pausedWorkingDays: resumed.pausedWorkingDays,
        overrunWorkingDays: cap.overrunWorkingDays,
        stepNo: a.currentStep,
        stepDueDate: resumed.stepDueDate,
        dueDate: resumed.dueDate,
        resumedBy: user.name ?? user.sub,
        resumedAt: now.toISOString(),
      });
    });
    this.relay.poke();
    return this.queries.get(user, cmd.caseNo);
  }
}
