import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { TOPICS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { ChiefAuthorisationRepository } from '../../../authorisations/chief-authorisation.repository';
import { DelegationRepository } from '../../../authorisations/delegation.repository';
import { ApprovalsPolicy } from '../../approvals.policy';
import { Clock } from '../../clock';
import { delegationOf } from '../../delegated-access';
import { ApprovalView } from '../../dto/approval.response.dto';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { applyChiefDecision, Decision } from '../../workflow';
import { assertNoOwedOutstanding } from '../../owed-materials';
import { ApprovalQueries } from '../approval-queries/approval-queries.use-case';
import { caseRef, CloseApprovalUseCase } from '../close-approval/close-approval.use-case';
import { assertOpen } from '../decide-step/decide-step.use-case';

export interface ChiefDecisionCommand {
  caseNo: string;
  decision: Decision;
  opinion: string;
}

/**
 * 首席代表 mode: the chief of the case's department decides ALL remaining steps in one act, under an
 * authorisation valid now for the department and the case's item or 事项类型 (403 CHIEF_NOT_AUTHORISED
 * otherwise). Separation of duties does not apply. Each step is audited and announced with the
 * authorisation id, then the case closes as a last-step decision would (approved / denied).
 * A chief of a department the item is delegated to (valid now) acts the same way, under an authorisation
 * of their own department; the audit rows name the delegation too.
 */
@Injectable()
export class ChiefDecisionUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly authorisations: ChiefAuthorisationRepository,
    private readonly policy: ApprovalsPolicy,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly close: CloseApprovalUseCase,
    private readonly queries: ApprovalQueries,
    private readonly clock: Clock,
    private readonly delegations: DelegationRepository,
  ) {}

  async execute(user: Principal, cmd: ChiefDecisionCommand): Promise<ApprovalView> {
    await this.cases.transaction(async (em) => {
      const now = this.clock.now();
      const found = await this.cases.findForUpdate(em, cmd.caseNo);
      const delegation = await delegationOf(this.delegations, this.policy, user, found, now, em);
      const a = this.policy.actsFor(user, found, cmd.caseNo, ROLES.CHIEF, delegation);
      assertOpen(a);
      // A delegate chief acts under an authorisation of their own department for the case's item / type.
      const grant = await this.authorisations.validFor(
        em,
        delegation ? { deptCode: delegation.toDept, itemCode: a.itemCode, taskType: a.taskType } : a,
        now,
        user.sub,
      );
      if (!grant) throw new DomainError('CHIEF_NOT_AUTHORISED', undefined, { caseNo: a.caseNo });
      // 容缺受理: the chief decides the case, so the owed materials must be in.
      assertNoOwedOutstanding(a);
      const outcomes = applyChiefDecision(a.steps, a.currentStep, a.status, cmd.decision);
      const actor = { sub: user.sub, name: user.name ?? null, dept: user.dept ?? null };
      for (const o of outcomes) {
        await this.cases.appendAudit(em, a, {
          action: o.result === '1' ? 'STEP_APPROVED' : 'STEP_DENIED',
          stepNo: o.stepNo,
          actor,
          opinion: cmd.opinion,
          at: now,
          authorisationId: grant.id,
          delegationId: delegation?.id ?? null,
        });
        await this.outbox.add(em, TOPICS.APPROVAL_STEP_COMPLETED, a.caseNo, {
          ...caseRef(a),
          approvalId: a.id,
          stepNo: o.stepNo,
          stepCode: o.step.code,
          stepName: o.step.name,
          result: o.result,
          opinion: cmd.opinion,
          handledBy: user.name ?? user.sub,
          completedAt: now.toISOString(),
        });
      }
      a.currentStep = outcomes[outcomes.length - 1].nextStep;
      await this.close.execute(em, a, {
        decision: cmd.decision,
        opinion: cmd.opinion,
        actor,
        at: now,
        authorisationId: grant.id,
        delegationId: delegation?.id ?? null,
      });
    });
    this.relay.poke();
    return this.queries.get(user, cmd.caseNo);
  }
}
