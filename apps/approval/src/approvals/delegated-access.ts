import type { Principal } from '@app/shared/auth';
import type { EntityManager } from 'typeorm';
import type { DelegationRepository } from '../authorisations/delegation.repository';
import type { ApprovalsPolicy, DelegationGrant } from './approvals.policy';
import type { ApprovalCaseEntity } from './entities/approval-case.entity';

/**
 * The cross-department delegation the caller may act on the case under at `now` (policy.delegationFor),
 * read in the caller's transaction when `em` is given; null for the case's own department (no read).
 */
export async function delegationOf(
  delegations: DelegationRepository,
  policy: ApprovalsPolicy,
  user: Principal,
  a: ApprovalCaseEntity | null,
  now: Date,
  em?: EntityManager,
): Promise<DelegationGrant | null> {
  if (!a || user.dept === undefined || user.dept === a.deptCode) return null;
  return policy.delegationFor(user, a, await delegations.toDept(user.dept, a.deptCode, em), now);
}
