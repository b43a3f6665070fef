import { CalendarNotCoveredError, WorkCalendar } from './index';

describe('WorkCalendar (chinese-days + overrides + covered-years guard)', () => {
  const cal = new WorkCalendar();

  it('knows 2026 holidays and 调休 make-up working days', () => {
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-10-10']) {
      expect(cal.isWorkingDay(d)).toBe(true);
    }
    for (const d of ['2026-02-16', '2026-10-01', '2026-11-28', '2026-11-29']) {
      expect(cal.isWorkingDay(d)).toBe(false);
    }
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('adds working days across the Spring Festival and National Day', () => {
    // 2026-02-13 (Fri) + 1 working day = 2026-02-14 (Sat, a make-up working day).
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    // Then the holiday runs 02-15 … 02-23: the next working day is 02-24.
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-11-24', 5)).toBe('2026-12-01');
    expect(cal.workingDaysBetween('2026-11-24', '2026-12-01')).toBe(5);
  });

  it('lets an override flip one day', () => {
    const c = new WorkCalendar({ overrides: [{ date: '2026-11-25', working: false, reason: '台风停工' }] });
    expect(c.isWorkingDay('2026-11-25')).toBe(false);
    expect(c.addWorkingDays('2026-11-24', 1)).toBe('2026-11-26');
  });

  it('refuses years the data does not cover instead of guessing', () => {
    expect(cal.coveredYears[1]).toBe(2026);
    expect(() => cal.isWorkingDay('2027-01-01')).toThrow(CalendarNotCoveredError);
    expect(() => cal.addWorkingDays('2026-12-30', 5)).toThrow(CalendarNotCoveredError);
    const c = new WorkCalendar({ overrides: [{ date: '2027-01-04', working: true }] });
    expect(c.isWorkingDay('2027-01-04')).toBe(true);
    expect(() => c.isWorkingDay('2027-01-05')).toThrow(CalendarNotCoveredError);
  });

  it('computes due dates in Asia/Shanghai whatever the machine time zone', () => {
    // 2026-11-24T23:30Z is already 2026-11-25 07:30 in Shanghai.
    const start = new Date('2026-11-24T23:30:00Z');
    expect(cal.toShanghaiDate(start)).toBe('2026-11-25');
    const wd = cal.dueDate(start, 5, '1');
    expect(wd.dueDate).toBe('2026-12-02');
    expect(wd.dueAt.toISOString()).toBe('2026-12-02T15:59:59.999Z');
    expect(cal.dueDate(start, 10, '2').dueDate).toBe('2026-12-05');
    expect(cal.dueDate(start, 3, '3').dueAt.toISOString()).toBe('2026-11-25T02:30:00.000Z');
    expect(cal.dueDate(new Date('2026-01-31T02:00:00Z'), 1, '5').dueDate).toBe('2026-02-28');
  });
});
