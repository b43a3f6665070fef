import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { CaseEntity } from './entities/case.entity';

const STAFF_ROLES: readonly string[] = [ROLES.CLERK, ROLES.APPROVER];

/** Which cases a list shows the caller. */
export type CaseScope =
  { kind: 'all' } | { kind: 'dept'; deptCode: string } | { kind: 'own'; applicantSub: string };

const notFound = (c: CaseEntity) => new DomainError('CASE_NOT_FOUND', undefined, { caseNo: c.caseNo });

/**
 * Who may see and handle which case (the one access policy of the applications feature):
 * - admin: every case;
 * - staff (clerk, approver): the cases of their own department;
 * - applicants: their own cases.
 * A case the caller may not see does not exist for them (404 CASE_NOT_FOUND): a 403 would tell that it
 * exists and, with its department, who owns it.
 */
@Injectable()
export class ApplicationsPolicy {
  private isAdmin(user: Principal): boolean {
    return user.roles.includes(ROLES.ADMIN);
  }

  private isStaffOf(user: Principal, deptCode: string): boolean {
    return user.roles.some((r) => STAFF_ROLES.includes(r)) && !!user.dept && user.dept === deptCode;
  }

  canView(user: Principal, c: CaseEntity): boolean {
    return this.isAdmin(user) || this.isStaffOf(user, c.deptCode) || c.applicantSub === user.sub;
  }

  /** Staff of the case's department (or admin) may accept or reject it. */
  canHandle(user: Principal, c: CaseEntity): boolean {
    return this.isAdmin(user) || this.isStaffOf(user, c.deptCode);
  }

  assertCanView(user: Principal, c: CaseEntity): void {
    if (!this.canView(user, c)) throw notFound(c);
  }

  assertCanHandle(user: Principal, c: CaseEntity): void {
    if (!this.canHandle(user, c)) throw notFound(c);
  }

  listScope(user: Principal): CaseScope {
    if (this.isAdmin(user)) return { kind: 'all' };
    if (user.roles.some((r) => STAFF_ROLES.includes(r)) && user.dept) {
      return { kind: 'dept', deptCode: user.dept };
    }
    return { kind: 'own', applicantSub: user.sub };
  }
}
