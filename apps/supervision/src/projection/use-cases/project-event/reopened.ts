import { EntityManager } from 'typeorm';
import { SupervisedCaseEntity } from '../../entities/supervised-case.entity';
import { SupervisedCaseRepository } from '../../repositories/supervised-case.repository';

/**
 * 办结后重新办理: work on a case (受理, an approval opened, a step handled) that happened AFTER the case was
 * completed. An event that merely arrives late (it happened before the completion) is not a reopening.
 */
export async function flagIfReopened(
  cases: SupervisedCaseRepository,
  em: EntityManager,
  eventId: string,
  before: SupervisedCaseEntity | null,
  ref: { caseNo: string; deptCode: string },
  happenedAt: Date,
  what: string,
): Promise<void> {
  if (!before?.completedAt || happenedAt.getTime() <= before.completedAt.getTime()) return;
  await cases.flag(em, {
    caseNo: ref.caseNo,
    deptCode: ref.deptCode,
    kind: 'CASE_REOPENED',
    detail: { event: what, completedAt: before.completedAt.toISOString(), at: happenedAt.toISOString() },
    occurredAt: happenedAt,
    sourceEventId: eventId,
  });
}
