import { CalendarNotCoveredError, CalendarSpecError, parseCalendarSpec, WorkCalendar } from './index';

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

  it('extends coverage with an official year schedule (holidays and 调休 make-up days)', () => {
    // A made-up schedule for the test: two holidays and one Saturday make-up day in 2027.
    const c = WorkCalendar.fromSpec(
      parseCalendarSpec(
        JSON.stringify({
          schedules: [
            { year: 2027, source: 'test', holidays: ['2027-01-01', '2027-01-04'], workdays: ['2027-01-09'] },
          ],
        }),
      ),
    );
    expect(c.coveredYears).toEqual([cal.coveredYears[0], 2027]);
    expect(c.isWorkingDay('2027-01-01')).toBe(false); // Friday, holiday
    expect(c.isWorkingDay('2027-01-02')).toBe(false); // Saturday
    expect(c.isWorkingDay('2027-01-05')).toBe(true); // ordinary Tuesday
    expect(c.isWorkingDay('2027-01-09')).toBe(true); // Saturday make-up day
    expect(c.isWorkingDay('2027-01-10')).toBe(false); // Sunday
    // 2026-12-30 (Wed) + 3: 12-31, (01-01 off, weekend, 01-04 off) 01-05, 01-06.
    expect(c.addWorkingDays('2026-12-30', 3)).toBe('2027-01-06');
    expect(() => c.isWorkingDay('2028-01-03')).toThrow(CalendarNotCoveredError);
    expect(c.coveredUntil(2026)).toBe('2027-12-31');
    expect(cal.coveredUntil(2026)).toBe('2026-12-31');
    expect(cal.coveredUntil(2030)).toBe('2029-12-31');
  });

  it('lets a schedule replace a built-in year, and an override win over the schedule', () => {
    const c = new WorkCalendar({
      schedules: [{ year: 2026, source: 'correction', holidays: ['2026-11-24'], workdays: [] }],
      overrides: [{ date: '2026-11-25', working: false }],
    });
    expect(c.isWorkingDay('2026-11-24')).toBe(false);
    expect(c.isWorkingDay('2026-11-25')).toBe(false);
    expect(c.isWorkingDay('2026-10-01')).toBe(true); // the schedule replaced the built-in 2026 data
  });

  it('refuses a malformed calendar file with every problem listed', () => {
    const problems = (text: string): string[] => {
      try {
        parseCalendarSpec(text);
      } catch (e) {
        if (e instanceof CalendarSpecError) return e.problems;
        throw e;
      }
      return [];
    };
    expect(problems('{not json')[0]).toMatch(/^not JSON/);
    expect(problems('[]')).toEqual(['must be a JSON object with "schedules" and/or "overrides"']);
    expect(
      problems(
        JSON.stringify({
          schedules: [
            {
              year: 2027,
              source: '',
              holidays: ['2027-13-01', '2028-01-01', '2027-01-09'],
              workdays: ['2027-01-05', '2027-01-09'],
            },
            { year: 2027, source: 'dup', holidays: [], workdays: [] },
          ],
          overrides: [{ date: '2027-01-01', working: true, extra: 1 }],
          other: true,
        }),
      ),
    ).toEqual([
      '$: unknown field "other"',
      'schedules[0].source: the notice the schedule comes from is required (≤ 200 chars)',
      'schedules[0].holidays: "2027-13-01" is not a YYYY-MM-DD date',
      'schedules[0].holidays: 2028-01-01 is not in 2027',
      'schedules[0].workdays: 2027-01-05 is a weekday; list only weekend make-up days',
      'schedules[0]: 2027-01-09 is both a holiday and a working day',
      'overrides[0]: unknown field "extra"',
    ]);
    expect(
      problems(
        JSON.stringify({
          overrides: [
            { date: '2027-01-01', working: true },
            { date: '2027-01-01', working: false },
          ],
        }),
      ),
    ).toEqual(['overrides: 2027-01-01 is given more than once']);
  });
});
