import { CalendarNotCoveredError } from '@app/shared/calendar';
import { testWorkCalendar } from '@app/shared/testing';
import { approvalCase, approver } from '../../testing/approval.fixtures';
import { currentStepOf, decidingRoles, listFilter, remainingWorkingDays } from './approval-queue';

describe('approval queue (pure)', () => {
  const cal = testWorkCalendar();

  it('counts working days left: 0 on the due date, negative when late, across National Day', () => {
    expect(remainingWorkingDays('2026-11-24', '2026-11-24', cal)).toBe(0);
    expect(remainingWorkingDays('2026-11-24', '2026-11-26', cal)).toBe(2);
    // 2026-09-30 → 2026-10-09: the National Day holidays do not count.
    expect(remainingWorkingDays('2026-09-30', '2026-10-09', cal)).toBe(2);
    expect(remainingWorkingDays('2026-11-30', '2026-11-26', cal)).toBe(-2);
    // Saturday after a Friday due date: late by date, no working day lost yet.
    expect(Object.is(remainingWorkingDays('2026-11-28', '2026-11-27', cal), 0)).toBe(true);
    const uncovered = {
      workingDaysBetween: () => {
        throw new CalendarNotCoveredError(2099, [2026, 2027]);
      },
    };
    expect(remainingWorkingDays('2099-01-01', '2099-01-05', uncovered)).toBeNull();
  });

  it('gives the current step of an OPEN / SUSPENDED case only; a suspended case is never overdue', () => {
    const a = approvalCase();
    expect(currentStepOf(a, '2026-11-27', cal)).toEqual({
      stepNo: 1,
      code: '1',
      name: '承办',
      role: 'approver',
      dueDate: '2026-11-26',
      remainingWorkingDays: -1,
      overdue: true,
    });
    expect(currentStepOf(approvalCase({ status: 'SUSPENDED' }), '2026-11-27', cal)).toMatchObject({
      overdue: false,
      remainingWorkingDays: -1,
    });
    for (const status of ['APPROVED', 'DENIED', 'WITHDRAWN'] as const) {
      expect(currentStepOf(approvalCase({ status }), '2026-11-27', cal)).toBeNull();
    }
    const legacy = approvalCase({ steps: [{ code: '3', name: '批准' }] });
    expect(currentStepOf(legacy, '2026-11-27', cal)).toMatchObject({
      role: 'approver',
      dueDate: null,
      remainingWorkingDays: null,
      overdue: false,
    });
  });

  it('maps assignee=me to the caller’s deciding roles and overdue=true to today', () => {
    expect(decidingRoles({ ...approver(), roles: ['approver', 'chief', 'clerk'] })).toEqual([
      'approver',
      'chief',
    ]);
    expect(decidingRoles({ ...approver(), roles: ['admin'] })).toEqual([]);
    const q = { page: 1, pageSize: 20 };
    expect(listFilter('D', approver(), q, '2026-11-24')).toEqual({
      dept: 'D',
      status: undefined,
      stepCode: undefined,
      roles: undefined,
      dueOnOrBefore: undefined,
      overdueOn: undefined,
      sort: undefined,
    });
    expect(
      listFilter('D', approver(), { ...q, assignee: 'me', overdue: 'true', sort: 'due' }, '2026-11-24'),
    ).toMatchObject({ roles: ['approver'], overdueOn: '2026-11-24', sort: 'due' });
  });
});
