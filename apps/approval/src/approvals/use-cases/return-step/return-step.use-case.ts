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
import { firstStepDecisionBy } from '../../audit-trail';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { applyReturn } from '../../workflow';
import { ApprovalQueries } from '../approval-queries/approval-queries.use-case';
import { caseRef } from '../close-approval/close-approval.use-case';
import { assertOpen } from '../decide-step/decide-step.use-case';

export interface ReturnStepCommand {
  caseNo: string;
  stepNo: number;
  reason: string;
}

/**
 * 退回 (noderesult 7): whoever may decide the current step sends the case back to the previous step,
 * which starts again with its full limit. Not from step 1 (409 RETURN_NOT_ALLOWED). The returner is
 * bound by separation of duties like a decider (they may not have decided another step).
 */
@Injectable()
export class ReturnStepUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly policy: ApprovalsPolicy,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly queries: ApprovalQueries,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
    private readonly delegations: DelegationRepository,
  ) {}

  async execute(user: Principal, cmd: ReturnStepCommand): Promise<ApprovalView> {
    await this.cases.transaction(async (em) => {
      const now = this.clock.now();
      const found = await this.cases.findForUpdate(em, cmd.caseNo);
      const delegation = await delegationOf(this.delegations, this.policy, user, found, now, em);
      const a = this.policy.decidable(user, found, cmd.caseNo, delegation);
      assertOpen(a);
      if (cmd.stepNo !== a.currentStep) {
        throw new DomainError('STEP_MISMATCH', undefined, {
          currentStepNo: a.currentStep,
          stepNo: cmd.stepNo,
        });
      }
      this.policy.assertFirstDecisionOf(
        firstStepDecisionBy(await this.cases.auditOf(a.caseNo, em), user.sub),
        cmd.stepNo,
      );
      const outcome = withCalendar(() =>
        applyReturn(a.steps, a.currentStep, a.status, this.calendar.toShanghaiDate(now), (d, n) =>
          this.calendar.addWorkingDays(d, n),
        ),
      );
      if (!outcome) throw new DomainError('RETURN_NOT_ALLOWED', undefined, { stepNo: cmd.stepNo });
      const from = a.steps[outcome.fromStepNo - 1];
      const to = outcome.steps[outcome.toStepNo - 1];
      a.steps = outcome.steps;
      a.currentStep = outcome.toStepNo;
      await this.cases.save(em, a);
      await this.cases.appendAudit(em, a, {
        action: 'RETURNED',
        stepNo: outcome.fromStepNo,
        actor: { sub: user.sub, name: user.name ?? null, dept: user.dept ?? null },
        opinion: cmd.reason,
        at: now,
        delegationId: delegation?.id ?? null,
      });
      await this.outbox.add(em, TOPICS.APPROVAL_STEP_RETURNED, a.caseNo, {
        ...caseRef(a),
        approvalId: a.id,
        fromStepNo: outcome.fromStepNo,
        fromStepCode: from.code,
        toStepNo: outcome.toStepNo,
        toStepCode: to.code,
        toStepName: to.name,
        result: '7',
        reason: cmd.reason,
        returnedBy: user.name ?? user.sub,
        returnedAt: now.toISOString(),
        stepDueDate: to.dueDate ?? null,
      });
    });
    this.relay.poke();
    return this.queries.get(user, cmd.caseNo);
  }
}
