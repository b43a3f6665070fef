import { DomainError } from '@app/shared/errors';

/**
 * The 差评整改 work-order state machine (reference gov-standards §2.5). An order opens ASSIGNED: 转办 to the
 * case's department is automatic. Then
 *
 *   ASSIGNED ─verify (回访核实)─▶ VERIFIED ─┬─ rectify (立行立改 | 台账/限期整改) ─▶ RECTIFIED ─┐
 *                                           ├─ explain (解释说明) ─────────────────▶ EXPLAINED ─┴─ follow-up (回访) ─▶ CLOSED
 *                                           └─ appeal (申诉: 误评 | 恶意) ─▶ APPEALED ─┬─ uphold (差评维持) ─▶ VERIFIED
 *                                                                                  └─ void (差评作废, 剔除统计) ─▶ VOIDED
 *
 * CLOSED and VOIDED are final. A rating is appealed at most once: after an upheld appeal the department
 * rectifies or explains.
 */
export const WORK_ORDER_STATUS = {
  ASSIGNED: 'ASSIGNED',
  VERIFIED: 'VERIFIED',
  RECTIFIED: 'RECTIFIED',
  EXPLAINED: 'EXPLAINED',
  APPEALED: 'APPEALED',
  CLOSED: 'CLOSED',
  VOIDED: 'VOIDED',
} as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUS)[keyof typeof WORK_ORDER_STATUS];
export const WORK_ORDER_STATUSES = Object.values(WORK_ORDER_STATUS);

/** What a history row records: the automatic 转办 at opening, then one action per command. */
export const WORK_ORDER_ACTION = {
  ASSIGN: 'ASSIGN',
  VERIFY: 'VERIFY',
  RECTIFY: 'RECTIFY',
  EXPLAIN: 'EXPLAIN',
  APPEAL: 'APPEAL',
  UPHOLD: 'UPHOLD',
  VOID: 'VOID',
  FOLLOW_UP: 'FOLLOW_UP',
} as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTION)[keyof typeof WORK_ORDER_ACTION];
/** The actions a caller may take on an existing order (ASSIGN happens only when the order opens). */
export type WorkOrderCommand = Exclude<WorkOrderAction, 'ASSIGN'>;

const S = WORK_ORDER_STATUS;

/** Every allowed transition: from which states each command may run, and where it leads. */
export const TRANSITIONS: Readonly<
  Record<WorkOrderCommand, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }>
> = {
  VERIFY: { from: [S.ASSIGNED], to: S.VERIFIED },
  RECTIFY: { from: [S.VERIFIED], to: S.RECTIFIED },
  EXPLAIN: { from: [S.VERIFIED], to: S.EXPLAINED },
  APPEAL: { from: [S.VERIFIED], to: S.APPEALED },
  UPHOLD: { from: [S.APPEALED], to: S.VERIFIED },
  VOID: { from: [S.APPEALED], to: S.VOIDED },
  FOLLOW_UP: { from: [S.RECTIFIED, S.EXPLAINED], to: S.CLOSED },
};

/** The part of an order the state machine looks at. */
export interface WorkOrderState {
  status: string;
  /** UPHELD or VOIDED once an appeal was decided, else null. */
  appealDecision: string | null;
}

/**
 * The state `command` leads to from `order`'s state; throws 409 WORK_ORDER_STATE when the command is not
 * allowed from there, and 409 APPEAL_ALREADY_DECIDED for a second appeal.
 */
export function nextStatus(order: WorkOrderState, command: WorkOrderCommand): WorkOrderStatus {
  const t = TRANSITIONS[command];
  if (!(t.from as readonly string[]).includes(order.status)) {
    throw new DomainError('WORK_ORDER_STATE', undefined, {
      status: order.status,
      action: command,
      allowedFrom: t.from,
    });
  }
  if (command === WORK_ORDER_ACTION.APPEAL && order.appealDecision !== null) {
    throw new DomainError('APPEAL_ALREADY_DECIDED', undefined, { appealDecision: order.appealDecision });
  }
  return t.to;
}

/** Whether the order has ended (no command is allowed any more). */
export function isFinal(status: string): boolean {
  return status === S.CLOSED || status === S.VOIDED;
}
