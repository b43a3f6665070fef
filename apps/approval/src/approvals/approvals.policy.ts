import { Injectable } from '@nestjs/common';
import { Principal, Role, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ApprovalCaseEntity } from './entities/approval-case.entity';
import { roleOfStep } from './workflow';

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
   * The case when the caller may decide its current step: a holder of the step's role (approver, or
   * chief for a step the workflow gives to the 首席代表) in the case's department. A case the caller
   * cannot see is not found; one they can see but not decide (an admin's view) is forbidden.
   */
  decidable(user: Principal, a: ApprovalCaseEntity | null, caseNo: string): ApprovalCaseEntity {
    const visible = this.visible(user, a, caseNo);
    const step = visible.steps[visible.currentStep - 1];
    const role: Role = step ? roleOfStep(step) : ROLES.APPROVER;
    if (!user.roles.includes(role) || user.dept !== visible.deptCode) {
      throw new DomainError(
        'FORBIDDEN',
        role === ROLES.APPROVER
          ? '仅本部门审批人员可办理 / Only approvers of the department may decide'
          : '该环节仅由本部门首席代表办理 / Only the chief of the department decides this step',
        { role },
      );
    }
    return visible;
  }

  /** The case when the caller holds `role` in the case's department (not found / forbidden otherwise). */
  actsFor(user: Principal, a: ApprovalCaseEntity | null, caseNo: string, role: Role): ApprovalCaseEntity {
    const visible = this.visible(user, a, caseNo);
    if (!user.roles.includes(role) || user.dept !== visible.deptCode) {
      throw new DomainError('FORBIDDEN', undefined, { role });
    }
    return visible;
  }

  /**
   * Nobody decides two steps of the same case (separation of duties, from the audit trail). Deciding the
   * same step again after a 退回 is not a second step.
   */
  assertFirstDecisionOf(earlier: { stepNo: number | null } | null, stepNo: number): void {
    if (earlier && earlier.stepNo !== stepNo) {
      throw new DomainError('SEPARATION_OF_DUTIES', undefined, { stepNo, decidedStepNo: earlier.stepNo });
    }
  }

  /** The department a caller's list is limited to; null for an admin (every department). */
  listScope(user: Principal): string | null {
    // '-' matches no department: a staff token without a department sees nothing.
    return this.isAdmin(user) ? null : (user.dept ?? '-');
  }
}
