import { Injectable } from '@nestjs/common';
import { DEPARTMENT_ROLES, Principal, ROLES } from '@app/shared/auth';
import { BundleEntity } from './entities/bundle.entity';
import { bundleNotFound } from './repositories/bundle.repository';

/** How much of a bundle a caller sees. */
export type BundleAudience = { full: true } | { full: false; staffDept: string };

/**
 * Who may see and act on which bundle (the one access policy of the bundles feature):
 * - the applicant who filed it: everything, and only they withdraw it;
 * - admin: everything;
 * - staff of a member's department: a LIMITED view (states and case numbers of every member, so they see
 *   where the whole 一件事 stands; no applicant data; licences of their own department's members only).
 * A bundle the caller may not see does not exist for them (404).
 */
@Injectable()
export class BundlesPolicy {
  audience(user: Principal, b: BundleEntity): BundleAudience {
    if (user.roles.includes(ROLES.ADMIN) || b.applicantSub === user.sub) return { full: true };
    const staff = user.roles.some((r) => DEPARTMENT_ROLES.includes(r)) && !!user.dept;
    if (staff && user.dept && b.members.some((m) => m.deptCode === user.dept)) {
      return { full: false, staffDept: user.dept };
    }
    throw bundleNotFound(b.bundleNo);
  }

  assertIsOwner(user: Principal, b: BundleEntity): void {
    if (b.applicantSub !== user.sub) throw bundleNotFound(b.bundleNo);
  }

  /** A list shows applicants their own bundles, admins all. */
  listScope(user: Principal): { applicantSub: string } | 'all' {
    return user.roles.includes(ROLES.ADMIN) ? 'all' : { applicantSub: user.sub };
  }
}
