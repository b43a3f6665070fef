import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { RatableCaseEntity } from './entities/ratable-case.entity';

/**
 * Who may rate a case and who may read its reviews (docs/architecture.md, access rules). A case the
 * caller may not see is answered like an unknown one (404 CASE_NOT_FOUND).
 */
@Injectable()
export class ReviewsPolicy {
  private isAdmin(user: Principal): boolean {
    return user.roles.includes(ROLES.ADMIN);
  }

  /** Staff of the case's department (clerk or approver), or an admin. */
  private isStaffOf(user: Principal, c: RatableCaseEntity): boolean {
    return (
      this.isAdmin(user) ||
      (user.dept !== undefined &&
        user.dept === c.deptCode &&
        (user.roles.includes(ROLES.CLERK) || user.roles.includes(ROLES.APPROVER)))
    );
  }

  /**
   * The case when the caller may rate it: a completed case (else 409 CASE_NOT_RATABLE) of which the caller
   * is the applicant (else 404 CASE_NOT_FOUND).
   */
  ratable(user: Principal, c: RatableCaseEntity | null, caseNo: string): RatableCaseEntity {
    if (!c) throw new DomainError('CASE_NOT_RATABLE', undefined, { caseNo });
    if (c.applicantSub !== user.sub) throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    return c;
  }

  /** The case when the caller may read its reviews: its applicant, staff of its department, an admin. */
  visible(user: Principal, c: RatableCaseEntity | null, caseNo: string): RatableCaseEntity {
    if (!c || (!this.isStaffOf(user, c) && c.applicantSub !== user.sub)) {
      throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    }
    return c;
  }
}
