import { DomainError } from '@app/shared/errors';
import { CASE_STATUS, CaseStatus } from './entities/case.entity';

/**
 * The case (办件) state machine (docs/standards.md):
 *   SUBMITTED ─accept─▶ ACCEPTED ─approvalOpened─▶ IN_APPROVAL ─approved(licence)─▶ APPROVED ─licenceIssued─▶ DONE
 *   approved(no licence) / denied / licenceIssued ─▶ DONE
 * Before 受理 (待受理):
 *   SUBMITTED ─requestSupplement─▶ SUPPLEMENT_REQUIRED (补正, clock stopped) ─supplement─▶ SUBMITTED
 *   SUPPLEMENT_REQUIRED ─expireSupplement─▶ DONE (退件, 5)
 *   SUBMITTED ─proposeRefusal (clerk)─▶ REFUSAL_PROPOSED ─confirmRefusal (chief)─▶ NOT_ACCEPTED (done, 6)
 *                                                       └─overturnRefusal (chief)─▶ ACCEPTED
 *   any state before a decision ─withdraw (applicant)─▶ DONE (作废办结, 2)
 * 容缺受理 (owed materials after 受理):
 *   ACCEPTED / IN_APPROVAL ─expireOwed (sweep: an owed material past its due date)─▶ DONE (退件, 5)
 * Events from other services may arrive out of order (a licence before the approval), so completion is
 * allowed from any state after acceptance and is idempotent once done.
 */
export type CaseAction =
  | 'accept'
  | 'approvalOpened'
  | 'approvedAwaitingLicence'
  | 'complete'
  | 'requestSupplement'
  | 'supplement'
  | 'expireSupplement'
  | 'proposeRefusal'
  | 'confirmRefusal'
  | 'overturnRefusal'
  | 'withdraw'
  | 'expireOwed';

const TRANSITIONS: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus }> = {
  accept: { from: [CASE_STATUS.SUBMITTED], to: CASE_STATUS.ACCEPTED },
  approvalOpened: { from: [CASE_STATUS.ACCEPTED], to: CASE_STATUS.IN_APPROVAL },
  approvedAwaitingLicence: {
    from: [CASE_STATUS.ACCEPTED, CASE_STATUS.IN_APPROVAL],
    to: CASE_STATUS.APPROVED,
  },
  complete: {
    from: [CASE_STATUS.ACCEPTED, CASE_STATUS.IN_APPROVAL, CASE_STATUS.APPROVED],
    to: CASE_STATUS.DONE,
  },
  requestSupplement: { from: [CASE_STATUS.SUBMITTED], to: CASE_STATUS.SUPPLEMENT_REQUIRED },
  supplement: { from: [CASE_STATUS.SUPPLEMENT_REQUIRED], to: CASE_STATUS.SUBMITTED },
  expireSupplement: { from: [CASE_STATUS.SUPPLEMENT_REQUIRED], to: CASE_STATUS.DONE },
  proposeRefusal: { from: [CASE_STATUS.SUBMITTED], to: CASE_STATUS.REFUSAL_PROPOSED },
  confirmRefusal: { from: [CASE_STATUS.REFUSAL_PROPOSED], to: CASE_STATUS.NOT_ACCEPTED },
  overturnRefusal: { from: [CASE_STATUS.REFUSAL_PROPOSED], to: CASE_STATUS.ACCEPTED },
  /** 容缺受理: an owed material not supplied in time ends the case before a decision (退件). */
  expireOwed: { from: [CASE_STATUS.ACCEPTED, CASE_STATUS.IN_APPROVAL], to: CASE_STATUS.DONE },
  /** Before a decision: approved (waiting for its licence) or done is too late. */
  withdraw: {
    from: [
      CASE_STATUS.SUBMITTED,
      CASE_STATUS.SUPPLEMENT_REQUIRED,
      CASE_STATUS.REFUSAL_PROPOSED,
      CASE_STATUS.ACCEPTED,
      CASE_STATUS.IN_APPROVAL,
    ],
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
