import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { CaseEntity } from './entities/case.entity';

const STAFF_ROLES: readonly string[] = [ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF];

/** Which cases a list shows the caller. */
export type CaseScope =
  { kind: 'all' } | { kind: 'dept'; deptCode: string } | { kind: 'own'; applicantSub: string };

/** What deciding visibility needs of a case (the whole entity, or a long poll's probe of it). */
type Visibility = Pick<CaseEntity, 'caseNo' | 'deptCode' | 'applicantSub'>;

const notFound = (c: Visibility) => new DomainError('CASE_NOT_FOUND', undefined, { caseNo: c.caseNo });

/**
 * Who may see and handle which case (the one access policy of the applications feature):
 * - admin: every case;
 * - staff (clerk, approver, chief): the cases of their own department;
 * - applicants: their own cases;
 * - only the applicant acts as the applicant (补正, 撤回), only a chief of the department decides a
 *   clerk's refusal proposal.
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

  canView(user: Principal, c: Visibility): boolean {
    return this.isAdmin(user) || this.isStaffOf(user, c.deptCode) || c.applicantSub === user.sub;
  }

  /** Staff of the case's department (or admin) may accept or reject it. */
  canHandle(user: Principal, c: CaseEntity): boolean {
    return this.isAdmin(user) || this.isStaffOf(user, c.deptCode);
  }

  /** The applicant who filed the case (补正 and 撤回 are the applicant's acts, not staff's). */
  isOwner(user: Principal, c: CaseEntity): boolean {
    return c.applicantSub === user.sub;
  }

  /** 首席代表 / 值班长 of the case's department. */
  isChiefOf(user: Principal, c: CaseEntity): boolean {
    return user.roles.includes(ROLES.CHIEF) && !!user.dept && user.dept === c.deptCode;
  }

  assertIsOwner(user: Principal, c: CaseEntity): void {
    if (!this.isOwner(user, c)) throw notFound(c);
  }

  assertIsChiefOf(user: Principal, c: CaseEntity): void {
    if (!this.isChiefOf(user, c)) throw notFound(c);
  }

  assertCanView(user: Principal, c: Visibility): void {
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
