import { ROLES } from '@app/shared/auth';
import { BadReviewsPolicy } from './bad-reviews.policy';
import { member, OTHER_DEPT, WO_DEPT, WO_ID, workOrder } from './testing/work-order.fixtures';

describe('BadReviewsPolicy', () => {
  const policy = new BadReviewsPolicy();
  const o = workOrder();

  it('lets staff of the department, supervisors and admins read an order; others get 404', () => {
    for (const role of [ROLES.CLERK, ROLES.APPROVER, ROLES.DEPT_HEAD]) {
      expect(policy.readable(member(role), o, WO_ID)).toBe(o);
      expect(() => policy.readable(member(role, OTHER_DEPT), o, WO_ID)).toThrow(
        expect.objectContaining({ code: 'WORK_ORDER_NOT_FOUND' }),
      );
    }
    expect(policy.readable(member(ROLES.SUPERVISOR, null), o, WO_ID)).toBe(o);
    expect(policy.readable(member(ROLES.ADMIN, null), o, WO_ID)).toBe(o);
    expect(() => policy.readable(member(ROLES.CHIEF), o, WO_ID)).toThrow();
    expect(() => policy.readable(member(ROLES.CLERK), null, WO_ID)).toThrow();
  });

  it('lets only staff of the department handle it, and only a supervisor decide an appeal', () => {
    expect(policy.handleable(member(ROLES.DEPT_HEAD), o, WO_ID)).toBe(o);
    for (const u of [member(ROLES.ADMIN), member(ROLES.SUPERVISOR), member(ROLES.CLERK, OTHER_DEPT)]) {
      expect(() => policy.handleable(u, o, WO_ID)).toThrow(expect.objectContaining({ status: 404 }));
    }
    expect(policy.decidable(member(ROLES.SUPERVISOR, null), o, WO_ID)).toBe(o);
    expect(() => policy.decidable(member(ROLES.DEPT_HEAD), o, WO_ID)).toThrow();
  });

  it('limits lists to the caller’s department; supervisors and admins see all', () => {
    expect(policy.listScope(member(ROLES.CLERK))).toBe(WO_DEPT);
    expect(policy.listScope(member(ROLES.CLERK, null))).toBe('-');
    expect(policy.listScope(member(ROLES.SUPERVISOR, null))).toBeNull();
    expect(policy.listScope(member(ROLES.ADMIN, null))).toBeNull();
  });
});
