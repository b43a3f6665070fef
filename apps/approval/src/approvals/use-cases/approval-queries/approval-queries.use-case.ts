import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { DelegationRepository } from '../../../authorisations/delegation.repository';
import { ApprovalsPolicy } from '../../approvals.policy';
import { withCalendar } from '../../calendar-guard';
import { WorkCalendar } from '@app/shared/calendar';
import { Clock } from '../../clock';
import { delegationOf } from '../../delegated-access';
import { ApprovalQueueItemView, ApprovalSummaryView, ApprovalView } from '../../dto/approval.response.dto';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { ApprovalListQuery, currentStepOf, listFilter, remainingBound } from './approval-queue';

/**
 * The read side of approval cases: one case with its audit trail (get), and pages of cases (list: the
 * approvers' queue, each case with its current step's due date and the working days left). Read by the
 * department's approvers, chief and head (dept_head) alike; steps are assigned by role, never to a person.
 */
@Injectable()
export class ApprovalQueries {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly policy: ApprovalsPolicy,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
    private readonly delegations: DelegationRepository,
  ) {}

  async get(user: Principal, caseNo: string): Promise<ApprovalView> {
    const found = await this.cases.findByCaseNo(caseNo);
    const delegation = await delegationOf(this.delegations, this.policy, user, found, this.clock.now());
    const a = this.policy.visible(user, found, caseNo, delegation);
    const [audit, procedures] = await Promise.all([
      this.cases.auditOf(caseNo),
      this.cases.proceduresOf(caseNo),
    ]);
    return ApprovalView.withAudit(a, audit, procedures);
  }

  async list(user: Principal, q: ApprovalListQuery): Promise<Page<ApprovalQueueItemView>> {
    const now = this.clock.now();
    const today = this.calendar.toShanghaiDate(now);
    const delegated = this.policy.delegatedScope(user, await this.delegations.toDept(user.dept), now);
    const filter = listFilter(this.policy.listScope(user), user, q, today, delegated);
    if (q.remainingMax !== undefined) {
      const n = q.remainingMax;
      filter.dueBefore = withCalendar(() => remainingBound(today, n, this.calendar));
    }
    const page = await this.cases.page(filter, q);
    return {
      ...page,
      items: page.items.map((a) => ({
        ...ApprovalSummaryView.of(a),
        current: currentStepOf(a, today, this.calendar),
      })),
    };
  }
}
