import { DomainError } from '@app/shared/errors';
import { CASE_STATUS, CaseStatus } from './entities/case.entity';

/**
 * The case (办件) state machine of this slice (docs/standards.md):
 *   SUBMITTED ─accept─▶ ACCEPTED ─approvalOpened─▶ IN_APPROVAL ─approved(licence)─▶ APPROVED ─licenceIssued─▶ DONE
 *   SUBMITTED ─reject─▶ NOT_ACCEPTED (done, 6)      approved(no licence) / denied / licenceIssued ─▶ DONE
 * Events from other services may arrive out of order (a licence before the approval), so completion is
 * allowed from any state after acceptance and is idempotent once done.
 */
export type CaseAction = 'accept' | 'reject' | 'approvalOpened' | 'approvedAwaitingLicence' | 'complete';

const TRANSITIONS: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus }> = {
  accept: { from: [CASE_STATUS.SUBMITTED], to: CASE_STATUS.ACCEPTED },
  reject: { from: [CASE_STATUS.SUBMITTED], to: CASE_STATUS.NOT_ACCEPTED },
  approvalOpened: { from: [CASE_STATUS.ACCEPTED], to: CASE_STATUS.IN_APPROVAL },
  approvedAwaitingLicence: {
    from: [CASE_STATUS.ACCEPTED, CASE_STATUS.IN_APPROVAL],
    to: CASE_STATUS.APPROVED,
  },
  complete: {
    from: [CASE_STATUS.ACCEPTED, CASE_STATUS.IN_APPROVAL, CASE_STATUS.APPROVED],
    to: CASE_STATUS.DONE,
  },
};

export function canTransition(from: CaseStatus, action: CaseAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The next status, or INVALID_STATE (409) for a command that does not apply in this state. */
export function nextStatus(from: CaseStatus, action: CaseAction): CaseStatus {
  if (!canTransition(from, action)) {
    throw new DomainError('INVALID_STATE', undefined, {
      status: from,
      action,
      allowedFrom: TRANSITIONS[action].from,
    });
  }
  return TRANSITIONS[action].to;
}
