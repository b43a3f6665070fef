import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ApprovalCaseEntity } from './entities/approval-case.entity';

/**
 * Who may see and decide approval cases (docs/architecture.md, access rules). A case of another
 * department is answered exactly like a case that does not exist (404 APPROVAL_NOT_FOUND): the answer
 * must not tell a caller that the case exists, nor which department owns it.
 */
@Injectable()
export class ApprovalsPolicy {
  private isAdmin(user: Principal): boolean {
    return user.roles.includes(ROLES.ADMIN);
  }

  /** An admin sees every case; an approver the cases of their own department. */
  canSee(user: Principal, a: ApprovalCaseEntity): boolean {
    return this.isAdmin(user) || (user.dept !== undefined && user.dept === a.deptCode);
  }

  /** The case when the caller may see it; otherwise APPROVAL_NOT_FOUND, whether it exists or not. */
  visible(user: Principal, a: ApprovalCaseEntity | null, caseNo: string): ApprovalCaseEntity {
    if (!a || !this.canSee(user, a)) throw new DomainError('APPROVAL_NOT_FOUND', undefined, { caseNo });
    return a;
  }

  /**
   * The case when the caller may decide its steps: an approver of the case's department. A case the
   * caller cannot see is not found; one they can see but not decide (an admin's view) is forbidden.
   */
  decidable(user: Principal, a: ApprovalCaseEntity | null, caseNo: string): ApprovalCaseEntity {
    const visible = this.visible(user, a, caseNo);
    if (!user.roles.includes(ROLES.APPROVER) || user.dept !== visible.deptCode) {
      throw new DomainError(
        'FORBIDDEN',
        '仅本部门审批人员可办理 / Only approvers of the department may decide',
      );
    }
    return visible;
  }

  /** Nobody decides two steps of the same case (separation of duties, from the audit trail). */
  assertFirstDecisionOf(earlier: { stepNo: number | null } | null, stepNo: number): void {
    if (earlier) {
      throw new DomainError('SEPARATION_OF_DUTIES', undefined, { stepNo, decidedStepNo: earlier.stepNo });
    }
  }

  /** The department a caller's list is limited to; null for an admin (every department). */
  listScope(user: Principal): string | null {
    // '-' matches no department: a staff token without a department sees nothing.
    return this.isAdmin(user) ? null : (user.dept ?? '-');
  }
}
