import {
  isFinal,
  nextStatus,
  TRANSITIONS,
  WORK_ORDER_STATUSES,
  WorkOrderCommand,
  WorkOrderStatus,
} from './work-order-state';

/** The allowed transitions, written out by hand (reference §2.5 as the brief states it). */
const ALLOWED: Array<[WorkOrderStatus, WorkOrderCommand, WorkOrderStatus]> = [
  ['ASSIGNED', 'VERIFY', 'VERIFIED'],
  ['VERIFIED', 'RECTIFY', 'RECTIFIED'],
  ['VERIFIED', 'EXPLAIN', 'EXPLAINED'],
  ['VERIFIED', 'APPEAL', 'APPEALED'],
  ['APPEALED', 'UPHOLD', 'VERIFIED'],
  ['APPEALED', 'VOID', 'VOIDED'],
  ['RECTIFIED', 'FOLLOW_UP', 'CLOSED'],
  ['EXPLAINED', 'FOLLOW_UP', 'CLOSED'],
];
const COMMANDS = Object.keys(TRANSITIONS) as WorkOrderCommand[];

describe('work-order state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, command, to) => {
    expect(nextStatus({ status: from, appealDecision: null }, command)).toBe(to);
  });

  const refused = WORK_ORDER_STATUSES.flatMap((from) =>
    COMMANDS.filter((c) => !ALLOWED.some(([f, cmd]) => f === from && cmd === c)).map(
      (c) => [from, c] as const,
    ),
  );

  it('refuses every other (state, command) pair', () => {
    // 7 states × 7 commands, 8 allowed.
    expect(refused).toHaveLength(WORK_ORDER_STATUSES.length * COMMANDS.length - ALLOWED.length);
  });

  it.each(refused)('refuses %s --%s--> with 409 WORK_ORDER_STATE', (from, command) => {
    let error: unknown;
    try {
      nextStatus({ status: from, appealDecision: null }, command);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'WORK_ORDER_STATE',
      status: 409,
      details: { status: from, action: command, allowedFrom: TRANSITIONS[command].from },
    });
    expect((error as Error).message).toMatch(/工单当前状态不允许此操作 \/ .+/);
  });

  it('refuses an unknown or legacy state', () => {
    expect(() => nextStatus({ status: 'BAD_REVIEW_CREATED', appealDecision: null }, 'VERIFY')).toThrow(
      expect.objectContaining({ code: 'WORK_ORDER_STATE' }),
    );
  });

  it('allows one appeal per order: after an upheld appeal, a second one is 409 APPEAL_ALREADY_DECIDED', () => {
    expect(() => nextStatus({ status: 'VERIFIED', appealDecision: 'UPHELD' }, 'APPEAL')).toThrow(
      expect.objectContaining({ code: 'APPEAL_ALREADY_DECIDED', status: 409 }),
    );
    // The department still rectifies or explains.
    expect(nextStatus({ status: 'VERIFIED', appealDecision: 'UPHELD' }, 'RECTIFY')).toBe('RECTIFIED');
    expect(nextStatus({ status: 'VERIFIED', appealDecision: 'UPHELD' }, 'EXPLAIN')).toBe('EXPLAINED');
  });

  it('ends in CLOSED and VOIDED only', () => {
    expect(WORK_ORDER_STATUSES.filter((s) => isFinal(s))).toEqual(['CLOSED', 'VOIDED']);
    for (const s of ['CLOSED', 'VOIDED'] as const) {
      for (const c of COMMANDS) {
        expect(() => nextStatus({ status: s, appealDecision: null }, c)).toThrow();
      }
    }
  });
});
