import type { DelegationGrant } from '../approvals.policy';
import { approvalCase, DEPT, OTHER_DEPT } from './approval.fixtures';

/** A delegation of the fixture case's item from DEPT to OTHER_DEPT, valid in November 2026. */
export const delegation = (over: Partial<DelegationGrant> = {}): DelegationGrant => ({
  id: '00000000-0000-4000-8000-0000000000e1',
  fromDept: DEPT,
  toDept: OTHER_DEPT,
  itemCodes: [approvalCase().itemCode],
  validFrom: new Date('2026-09-01T00:00:00Z'),
  validTo: new Date('2026-12-01T00:00:00Z'),
  grantedAt: new Date('2026-09-01T00:00:00Z'),
  revokedAt: null,
  ...over,
});
