import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { TOPICS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { DelegationRepository } from '../../../authorisations/delegation.repository';
import { ApprovalsPolicy } from '../../approvals.policy';
import { withCalendar } from '../../calendar-guard';
import { Clock } from '../../clock';
import { delegationOf } from '../../delegated-access';
import { ApprovalView } from '../../dto/approval.response.dto';
import { APPROVAL_STATUS, ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { firstStepDecisionBy } from '../../audit-trail';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { applyDecision, Decision, startStep } from '../../workflow';
import { assertNoOwedOutstanding } from '../../owed-materials';
import { caseRef, CloseApprovalUseCase } from '../close-approval/close-approval.use-case';

export interface DecideStepCommand {
  caseNo: string;
  stepNo: number;
  decision: Decision;
  opinion: string;
}

/** 409 CASE_SUSPENDED while a 特别程序 runs: nothing is decided, returned or started then. */
export function assertNotSuspended(a: ApprovalCaseEntity): void {
  if (a.status === APPROVAL_STATUS.SUSPENDED) {
    throw new DomainError('CASE_SUSPENDED', undefined, { caseNo: a.caseNo });
  }
}

/** 409 INVALID_STATE unless the case is OPEN (after the CASE_SUSPENDED check). */
export function assertOpen(a: ApprovalCaseEntity): void {
  assertNotSuspended(a);
  if (a.status !== APPROVAL_STATUS.OPEN) {
    throw new DomainError('INVALID_STATE', undefined, { status: a.status, expected: APPROVAL_STATUS.OPEN });
  }
}

/**
 * The approver of the case's department handles the current step, named in `stepNo`.
 * The row lock serialises concurrent decisions: the second one finds the step already decided and gets
 * STEP_MISMATCH. Nobody decides two steps of the same case (SEPARATION_OF_DUTIES, from the audit trail).
 * Before the last step a deny is recorded as 不同意 and the case moves on; only the last step decides.
 */
@Injectable()
export class DecideStepUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly policy: ApprovalsPolicy,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly close: CloseApprovalUseCase,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
    private readonly delegations: DelegationRepository,
  ) {}

  /**
   * Returns the case as it now is, built from what the transaction read and wrote (the locked case, its
   * audit trail read once — also for the separation of duties — with the entries it appended, and its
   * 特别程序) instead of reading it all again.
   */
  async execute(user: Principal, cmd: DecideStepCommand): Promise<ApprovalView> {
    const view = await this.cases.transaction(async (em): Promise<ApprovalView> => {
      const now = this.clock.now();
      const found = await this.cases.findForUpdate(em, cmd.caseNo);
      const delegation = await delegationOf(this.delegations, this.policy, user, found, now, em);
      const a = this.policy.decidable(user, found, cmd.caseNo, delegation);
      this.assertCurrentStep(a, cmd.stepNo);
      const audit = await this.cases.auditOf(a.caseNo, em);
      this.policy.assertFirstDecisionOf(firstStepDecisionBy(audit, user.sub), cmd.stepNo);
      const outcome = applyDecision(a.steps, a.currentStep, a.status, cmd.decision);
      // 容缺受理: the step that decides the case waits for the owed materials.
      if (outcome.status !== APPROVAL_STATUS.OPEN) assertNoOwedOutstanding(a);
      const actor = { sub: user.sub, name: user.name ?? null, dept: user.dept ?? null };
      const entry = await this.cases.appendAudit(em, a, {
        action: outcome.result === '1' ? 'STEP_APPROVED' : 'STEP_DENIED',
        stepNo: outcome.stepNo,
        actor,
        opinion: cmd.opinion,
        at: now,
        delegationId: delegation?.id ?? null,
      });
      const goesOn = outcome.status === APPROVAL_STATUS.OPEN;
      if (goesOn) {
        a.currentStep = outcome.nextStep;
        a.steps = withCalendar(() =>
          startStep(a.steps, outcome.nextStep, this.calendar.toShanghaiDate(now), (d, n) =>
            this.calendar.addWorkingDays(d, n),
          ),
        );
      }
      const next = goesOn ? a.steps[outcome.nextStep - 1] : undefined;
      await this.outbox.add(em, TOPICS.APPROVAL_STEP_COMPLETED, a.caseNo, {
        ...caseRef(a),
        approvalId: a.id,
        stepNo: outcome.stepNo,
        stepCode: outcome.step.code,
        stepName: outcome.step.name,
        result: outcome.result,
        opinion: cmd.opinion,
        handledBy: user.name ?? user.sub,
        completedAt: now.toISOString(),
        ...(next
          ? { nextStepNo: outcome.nextStep, nextStepName: next.name, nextStepDueDate: next.dueDate ?? null }
          : {}),
      });
      const trail = [...audit, entry];
      if (goesOn) {
        await this.cases.save(em, a);
      } else {
        trail.push(
          await this.close.execute(em, a, {
            decision: cmd.decision,
            opinion: cmd.opinion,
            actor,
            at: now,
            delegationId: delegation?.id ?? null,
          }),
        );
      }
      // Every 特别程序 is audited when it starts (its procedureId on the row): none in the trail, none to read.
      const procedures = audit.some((r) => r.procedureId) ? await this.cases.proceduresOf(a.caseNo, em) : [];
      return ApprovalView.withAudit(a, trail, procedures);
    });
    this.relay.poke();
    return view;
  }

  private assertCurrentStep(a: ApprovalCaseEntity, stepNo: number): void {
    assertNotSuspended(a);
    if (a.status !== APPROVAL_STATUS.OPEN) {
      throw new DomainError('INVALID_STATE', undefined, { status: a.status, expected: APPROVAL_STATUS.OPEN });
    }
    if (stepNo !== a.currentStep) {
      throw new DomainError('STEP_MISMATCH', undefined, { currentStepNo: a.currentStep, stepNo });
    }
  }
}
