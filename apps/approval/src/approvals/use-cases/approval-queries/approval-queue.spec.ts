import { CalendarNotCoveredError } from '@app/shared/calendar';
import { testWorkCalendar } from '@app/shared/testing';
import { approvalCase, approver } from '../../testing/approval.fixtures';
import {
  currentStepOf,
  decidingRoles,
  listFilter,
  remainingBound,
  remainingWorkingDays,
} from './approval-queue';

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

  it('bounds remainingMax=n: a due date before the bound leaves at most n working days, none after', () => {
    // Tuesday 2026-11-24: 0 → before Wednesday 11-25; 3 → before Monday 11-30 (the weekend still leaves 3).
    expect(remainingBound('2026-11-24', 0, cal)).toBe('2026-11-25');
    expect(remainingBound('2026-11-24', 3, cal)).toBe('2026-11-30');
    // Friday 2026-11-27 with n = 0: due Saturday or Sunday still leaves 0 working days.
    expect(remainingBound('2026-11-27', 0, cal)).toBe('2026-11-30');
    expect(remainingWorkingDays('2026-11-27', '2026-11-29', cal)).toBe(0);
    // Across National Day: 2026-09-30 with n = 1 → before 10-09 (10-08 is the first working day after).
    expect(remainingBound('2026-09-30', 1, cal)).toBe('2026-10-09');
    for (const [today, n] of [
      ['2026-11-24', 0],
      ['2026-11-24', 3],
      ['2026-09-30', 1],
      ['2026-12-30', 2],
    ] as const) {
      const bound = remainingBound(today, n, cal);
      for (let d = 0; d < 30; d++) {
        const due = new Date(Date.parse(`${today}T00:00:00Z`) + (d - 10) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect([due, (remainingWorkingDays(today, due, cal) ?? 99) <= n]).toEqual([due, due < bound]);
      }
    }
  });

  it('ends the bound at the calendar’s first uncovered year; today itself uncovered throws', () => {
    // The test calendar covers up to 2028: 365 working days from 2028-06-01 run past it.
    expect(remainingBound('2028-06-01', 365, cal)).toBe('2029-01-01');
    expect(() => remainingBound('2029-03-01', 0, cal)).toThrow(CalendarNotCoveredError);
  });
});
