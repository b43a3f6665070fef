import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApprovalsPolicy } from '../../approvals.policy';
import { ApprovalSummaryView, ApprovalView } from '../../dto/approval.response.dto';
import { ApprovalStatus } from '../../entities/approval-case.entity';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';

/** The read side of approval cases: one case with its audit trail (get), and pages of cases (list). */
@Injectable()
export class ApprovalQueries {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly policy: ApprovalsPolicy,
  ) {}

  async get(user: Principal, caseNo: string): Promise<ApprovalView> {
    const a = this.policy.visible(user, await this.cases.findByCaseNo(caseNo), caseNo);
    const [audit, procedures] = await Promise.all([
      this.cases.auditOf(caseNo),
      this.cases.proceduresOf(caseNo),
    ]);
    return ApprovalView.withAudit(a, audit, procedures);
  }

  async list(
    user: Principal,
    q: { page: number; pageSize: number; status?: ApprovalStatus },
  ): Promise<Page<ApprovalSummaryView>> {
    const page = await this.cases.page({ dept: this.policy.listScope(user), status: q.status }, q);
    return { ...page, items: page.items.map((a) => ApprovalSummaryView.of(a)) };
  }
}
