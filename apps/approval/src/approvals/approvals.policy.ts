import { Injectable } from '@nestjs/common';
import { Principal, Role, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ApprovalCaseEntity } from './entities/approval-case.entity';
import { roleOfStep } from './workflow';

/** What the policy needs of a cross-department delegation (DelegationEntity). */
export interface DelegationGrant {
  id: string;
  fromDept: string;
  toDept: string;
  itemCodes: string[];
  validFrom: Date;
  validTo: Date;
  grantedAt: Date;
  revokedAt: Date | null;
}

/** Not revoked and validFrom ≤ now < validTo. */
export function delegationValidAt(d: DelegationGrant, now: Date): boolean {
  return (
    d.revokedAt === null && d.validFrom.getTime() <= now.getTime() && now.getTime() < d.validTo.getTime()
  );
}

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

  /**
   * The delegation under which the caller, of another department, may act on the case at `now`: to the
   * caller's department, from the case's, covering its item, not revoked, validFrom ≤ now < validTo (the
   * most recently granted one when several hold). null for the case's own department and for admins.
   */
  delegationFor(
    user: Principal,
    a: ApprovalCaseEntity | null,
    delegations: DelegationGrant[],
    now: Date,
  ): DelegationGrant | null {
    if (!a || user.dept === undefined || user.dept === a.deptCode || this.isAdmin(user)) return null;
    const holding = delegations
      .filter((d) => this.covers(d, user, a) && delegationValidAt(d, now))
      .sort((x, y) => y.grantedAt.getTime() - x.grantedAt.getTime());
    return holding[0] ?? null;
  }

  private covers(d: DelegationGrant, user: Principal, a: ApprovalCaseEntity): boolean {
    return d.toDept === user.dept && d.fromDept === a.deptCode && d.itemCodes.includes(a.itemCode);
  }

  /** Acting on the case as its own department, or as the delegate named by `delegation`. */
  private actsForDept(user: Principal, a: ApprovalCaseEntity, delegation: DelegationGrant | null): boolean {
    if (user.dept === undefined) return false;
    return user.dept === a.deptCode || (delegation !== null && this.covers(delegation, user, a));
  }

  /**
   * An admin sees every case; an approver the cases of their own department, and those of a department
   * that delegated the case's item to theirs (`delegation`, from delegationFor: valid now).
   */
  canSee(user: Principal, a: ApprovalCaseEntity, delegation: DelegationGrant | null = null): boolean {
    return this.isAdmin(user) || this.actsForDept(user, a, delegation);
  }

  /** The case when the caller may see it; otherwise APPROVAL_NOT_FOUND, whether it exists or not. */
  visible(
    user: Principal,
    a: ApprovalCaseEntity | null,
    caseNo: string,
    delegation: DelegationGrant | null = null,
  ): ApprovalCaseEntity {
    if (!a || !this.canSee(user, a, delegation)) {
      throw new DomainError('APPROVAL_NOT_FOUND', undefined, { caseNo });
    }
    return a;
  }

  /**
   * The case when the caller may decide its current step: a holder of the step's role (approver, or
   * chief for a step the workflow gives to the 首席代表) in the case's department. A case the caller
   * cannot see is not found; one they can see but not decide (an admin's view) is forbidden. A delegate
   * (valid `delegation`) decides like the case's own department.
   */
  decidable(
    user: Principal,
    a: ApprovalCaseEntity | null,
    caseNo: string,
    delegation: DelegationGrant | null = null,
  ): ApprovalCaseEntity {
    const visible = this.visible(user, a, caseNo, delegation);
    const step = visible.steps[visible.currentStep - 1];
    const role: Role = step ? roleOfStep(step) : ROLES.APPROVER;
    if (!user.roles.includes(role) || !this.actsForDept(user, visible, delegation)) {
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

  /**
   * The case when the caller holds `role` in the case's department or in the delegate department of a
   * valid `delegation` (not found / forbidden otherwise).
   */
  actsFor(
    user: Principal,
    a: ApprovalCaseEntity | null,
    caseNo: string,
    role: Role,
    delegation: DelegationGrant | null = null,
  ): ApprovalCaseEntity {
    const visible = this.visible(user, a, caseNo, delegation);
    if (!user.roles.includes(role) || !this.actsForDept(user, visible, delegation)) {
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

  /**
   * The (department, items) pairs a caller's list extends to besides their own department: the
   * delegations to it valid at `now`. None for an admin (who sees everything) or a caller without one.
   */
  delegatedScope(
    user: Principal,
    delegations: DelegationGrant[],
    now: Date,
  ): Array<{ fromDept: string; itemCodes: string[] }> {
    if (this.isAdmin(user) || user.dept === undefined) return [];
    return delegations
      .filter((d) => d.toDept === user.dept && d.fromDept !== user.dept && delegationValidAt(d, now))
      .map((d) => ({ fromDept: d.fromDept, itemCodes: d.itemCodes }));
  }
}
