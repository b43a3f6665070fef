import type { Principal, Role } from '@app/shared/auth';
import { BadReviewOrderEntity } from '../entities/bad-review-order.entity';

/** Test data for the unit specs of the work-order feature. */
export const WO_DEPT = '113301000024901620';
export const OTHER_DEPT = '11330100002491026R';
export const WO_CASE_NO = '33010620261124000001';
export const WO_ID = '00000000-0000-4000-8000-0000000000b1';

/** A token of one role; `dept` null for a token without a department (supervisor, admin). */
export const member = (role: Role, dept: string | null = WO_DEPT): Principal => ({
  sub: `${role}-1`,
  name: `${role} 1`,
  roles: [role],
  dept: dept ?? undefined,
  token: 't',
});

export function workOrder(over: Partial<BadReviewOrderEntity> = {}): BadReviewOrderEntity {
  return Object.assign(new BadReviewOrderEntity(), {
    id: WO_ID,
    reviewId: '00000000-0000-4000-8000-0000000000a1',
    caseNo: WO_CASE_NO,
    deptCode: WO_DEPT,
    satisfaction: 1,
    status: 'ASSIGNED',
    rectifyDueDate: '2026-12-15',
    createdAt: new Date('2026-11-24T02:00:00Z'),
    updatedAt: new Date('2026-11-24T02:00:00Z'),
    verifiedAt: null,
    outcome: null,
    rectifyMode: null,
    rectifiedAt: null,
    appealReason: null,
    appealedAt: null,
    appealDecision: null,
    appealDecidedAt: null,
    followedUpAt: null,
    raterSatisfied: null,
    closure: null,
    closedAt: null,
    ...over,
  });
}
