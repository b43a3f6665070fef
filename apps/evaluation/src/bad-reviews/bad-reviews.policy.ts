import { DomainError } from '@app/shared/errors';
import { Injectable } from '@nestjs/common';
import { Principal, Role, ROLES } from '@app/shared/auth';
import { BadReviewOrderEntity } from './entities/bad-review-order.entity';

/** Staff who handle their department's work orders (verify, rectify, explain, appeal, follow up). */
export const WORK_ORDER_HANDLERS: Role[] = [ROLES.CLERK, ROLES.APPROVER, ROLES.DEPT_HEAD];
/** Who decides an appeal (申诉复核): 电子监察, independent of the department that appealed. */
export const APPEAL_DECIDERS: Role[] = [ROLES.SUPERVISOR];
/** Who reads every department's work orders. */
export const WORK_ORDER_OVERSEERS: Role[] = [ROLES.ADMIN, ROLES.SUPERVISOR];
/** Who reads work orders at all. */
export const WORK_ORDER_READERS: Role[] = [...WORK_ORDER_HANDLERS, ...WORK_ORDER_OVERSEERS];

const hasAny = (user: Principal, roles: Role[]): boolean => user.roles.some((r) => roles.includes(r));

/**
 * Who may see and act on a 差评整改 work order. An order the caller may not see is answered like an
 * unknown one (404 WORK_ORDER_NOT_FOUND), so order ids of other departments cannot be probed. The route's
 * @Roles() has already refused (403) a caller holding none of the roles of the action.
 */
@Injectable()
export class BadReviewsPolicy {
  private handlerOf(user: Principal, o: BadReviewOrderEntity): boolean {
    return hasAny(user, WORK_ORDER_HANDLERS) && user.dept !== undefined && user.dept === o.deptCode;
  }

  /** The order when the caller may read it: staff of its department, an admin or a supervisor. */
  readable(user: Principal, o: BadReviewOrderEntity | null, id: string): BadReviewOrderEntity {
    if (!o || !(hasAny(user, WORK_ORDER_OVERSEERS) || this.handlerOf(user, o))) {
      throw new DomainError('WORK_ORDER_NOT_FOUND', undefined, { id });
    }
    return o;
  }

  /** The order when the caller may handle it: a clerk, approver or department head of its department. */
  handleable(user: Principal, o: BadReviewOrderEntity | null, id: string): BadReviewOrderEntity {
    if (!o || !this.handlerOf(user, o)) throw new DomainError('WORK_ORDER_NOT_FOUND', undefined, { id });
    return o;
  }

  /** The order when the caller may decide its appeal: a supervisor, for any department. */
  decidable(user: Principal, o: BadReviewOrderEntity | null, id: string): BadReviewOrderEntity {
    if (!o || !hasAny(user, APPEAL_DECIDERS)) {
      throw new DomainError('WORK_ORDER_NOT_FOUND', undefined, { id });
    }
    return o;
  }

  /** The department a caller's work-order list is limited to; null for every department. */
  listScope(user: Principal): string | null {
    if (hasAny(user, WORK_ORDER_OVERSEERS)) return null;
    // '-' matches no department: a staff token without a department sees nothing.
    return user.dept ?? '-';
  }
}
