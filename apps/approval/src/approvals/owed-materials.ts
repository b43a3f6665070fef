import { DomainError } from '@app/shared/errors';
import type { ApprovalCaseEntity, OwedMaterialState } from './entities/approval-case.entity';

/** The opinion of the system's decision on a signed commitment (告知承诺制). */
export const COMMITMENT_OPINION = '告知承诺制，当场审批 (事后核查)';
/** The opinion of the system's decision once a stepless case's owed materials all arrived. */
export const OWED_COMPLETE_OPINION = '容缺材料已补齐，当场办结';

/** 容缺受理: the owed materials of the case still outstanding. */
export function outstandingOwed(a: Pick<ApprovalCaseEntity, 'owedMaterials'>): OwedMaterialState[] {
  return (a.owedMaterials ?? []).filter((o) => o.suppliedAt === null);
}

/**
 * 409 OWED_MATERIALS_OUTSTANDING: the decision (the last step, a chief's decision, the system's) is not
 * taken on an incomplete file — 容缺 lets approval run in parallel, not decide without the materials.
 */
export function assertNoOwedOutstanding(a: ApprovalCaseEntity): void {
  const owed = outstandingOwed(a);
  if (owed.length > 0) {
    throw new DomainError('OWED_MATERIALS_OUTSTANDING', undefined, {
      caseNo: a.caseNo,
      outstanding: owed.map(({ code, name, dueDate }) => ({ code, name, dueDate })),
    });
  }
}
