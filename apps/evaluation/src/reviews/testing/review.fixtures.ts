import type { Principal } from '@app/shared/auth';
import { RatableCaseEntity } from '../entities/ratable-case.entity';
import { ReviewEntity } from '../entities/review.entity';

export { workOrder } from '../../bad-reviews/testing/work-order.fixtures';

/** Test data for the unit specs of the review use cases. */
export const DEPT = '113301000024901620';
export const CASE_NO = '33010620261124000001';

export const applicant = (sub = 'citizen-1'): Principal => ({ sub, roles: ['applicant'], token: 't' });
export const staff = (role: 'clerk' | 'approver' = 'clerk', dept = DEPT): Principal => ({
  sub: `${role}-1`,
  roles: [role],
  dept,
  token: 't',
});
export const admin = (): Principal => ({ sub: 'admin', roles: ['admin'], token: 't' });

export function ratableCase(over: Partial<RatableCaseEntity> = {}): RatableCaseEntity {
  return Object.assign(new RatableCaseEntity(), {
    caseNo: CASE_NO,
    itemCode: `${DEPT}000111203000001`,
    itemName: '食品经营许可',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    applicantSub: 'citizen-1',
    projectType: '2',
    doneResult: '0',
    completedAt: new Date(Date.now() - 86_400_000),
    ratingDeadline: new Date(Date.now() + 6 * 86_400_000),
    ...over,
  });
}

export function review(over: Partial<ReviewEntity> = {}): ReviewEntity {
  return Object.assign(new ReviewEntity(), {
    id: '00000000-0000-4000-8000-0000000000a1',
    caseNo: CASE_NO,
    stage: 'COMPLETED',
    satisfaction: 5,
    pf: '1',
    comment: null,
    evalDetail: [],
    assessNumber: 1,
    raterSub: 'citizen-1',
    createdAt: new Date('2026-11-24T02:00:00Z'),
    ...over,
  });
}
