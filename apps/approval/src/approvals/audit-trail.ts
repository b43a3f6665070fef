import type { ApprovalAuditEntity } from './entities/audit.entity';

// The audit trail's vocabulary: who a row names, what it records, and who decided which step.

/** Who an audit row names: a person (from the token) or the system. */
export interface AuditActor {
  sub: string;
  name?: string | null;
  dept?: string | null;
}

/**
 * OPENED | STEP_APPROVED | STEP_DENIED | APPROVED | DENIED | RETURNED | SUSPENDED | RESUMED | WITHDRAWN |
 * OWED_SUPPLIED | PROCEDURE_OVERRUN (a 特别程序 ended beyond its type's maximum: the overrun counts).
 */
export type AuditAction =
  | 'OPENED'
  | 'STEP_APPROVED'
  | 'STEP_DENIED'
  | 'APPROVED'
  | 'DENIED'
  | 'RETURNED'
  | 'SUSPENDED'
  | 'RESUMED'
  | 'WITHDRAWN'
  | 'OWED_SUPPLIED'
  | 'PROCEDURE_OVERRUN';
export const AUDIT_ACTIONS: AuditAction[] = [
  'OPENED',
  'STEP_APPROVED',
  'STEP_DENIED',
  'APPROVED',
  'DENIED',
  'RETURNED',
  'SUSPENDED',
  'RESUMED',
  'WITHDRAWN',
  'OWED_SUPPLIED',
  'PROCEDURE_OVERRUN',
];

/** Audit actions of a person deciding a step (who decided which step of a case). */
const STEP_ACTIONS: AuditAction[] = ['STEP_APPROVED', 'STEP_DENIED'];

/** The first step decision `sub` took in an audit trail read oldest first, if any. */
export function firstStepDecisionBy(
  audit: readonly ApprovalAuditEntity[],
  sub: string,
): { stepNo: number | null } | null {
  const earlier = audit.find((r) => r.actorSub === sub && STEP_ACTIONS.includes(r.action as AuditAction));
  return earlier ? { stepNo: earlier.stepNo } : null;
}
