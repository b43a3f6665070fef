import { caseClockOf, WorkCalendar } from '@app/shared/calendar';
import { testWorkCalendar } from '@app/shared/testing';
import {
  assertMaterialsComplete,
  pausedDaysOn,
  pausedWorkingDays,
  promiseDateFor,
  supplementDeadline,
} from './case-clock';
import { aCase, anItem } from './testing/case.fixture';

describe('case clock', () => {
  const cal = testWorkCalendar();
  /** 08:00 Asia/Shanghai of a date. */
  const at = (date: string) => new Date(`${date}T08:00:00+08:00`);

  it('counts the working days of a pause in (start date, end date], Shanghai time', () => {
    // 2026-11-23 is a Monday.
    expect(pausedWorkingDays(cal, at('2026-11-23'), at('2026-11-23'))).toBe(0);
    expect(pausedWorkingDays(cal, at('2026-11-23'), at('2026-11-25'))).toBe(2);
    // Friday to Monday: the weekend does not count.
    expect(pausedWorkingDays(cal, at('2026-11-27'), at('2026-11-30'))).toBe(1);
    // 23:30 UTC on the 23rd is already the 24th in Shanghai.
    expect(pausedWorkingDays(cal, at('2026-11-23'), new Date('2026-11-23T23:30:00Z'))).toBe(1);
  });

  it('moves a promise by paused days in the item’s unit: working days for 工作日, natural days otherwise', () => {
    expect([caseClockOf('1'), caseClockOf('2'), caseClockOf('3'), caseClockOf('5')]).toEqual([
      'working',
      'natural',
      'natural',
      'natural',
    ]);
    // Paused from Tuesday 2026-09-29 to Friday 10-09 across National Day (10-01…10-07): 3 working days
    // (09-30, 10-08, 10-09), 10 natural days.
    const from = at('2026-09-29');
    const to = at('2026-10-09');
    expect([pausedDaysOn(cal, 'working', from, to), pausedDaysOn(cal, 'natural', from, to)]).toEqual([3, 10]);
    const receipt = at('2026-09-28');
    // 5 工作日 from Monday 09-28 → 10-10 (the 调休 Saturday), + 3 working days → 10-14.
    expect(promiseDateFor(cal, anItem({ promiseLimit: 5, promiseUnit: '1' }), receipt, 3)).toBe('2026-10-14');
    // 5 自然日 from 09-28 → 10-03, + 10 natural days → 10-13 (not moved by working days).
    const natural = anItem({ legalUnit: '2', legalLimit: 20, promiseLimit: 5, promiseUnit: '2' });
    expect(promiseDateFor(cal, natural, receipt, 10)).toBe('2026-10-13');
    expect(promiseDateFor(cal, natural, receipt, 0)).toBe('2026-10-03');
  });

  it('sets the 补正 deadline in working days, and answers CALENDAR_NOT_COVERED past the calendar', () => {
    expect(supplementDeadline(cal, at('2026-11-27'), 1).dueDate).toBe('2026-11-30');
    const short = new WorkCalendar({ coveredYears: [2026, 2026] });
    expect(() => supplementDeadline(short, at('2026-12-30'), 10)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NOT_COVERED', details: { year: 2027 } }),
    );
  });

  it('accepts only with every required material that is not 容缺', () => {
    const item = anItem();
    expect(() => assertMaterialsComplete(aCase(), item)).not.toThrow();
    const windowCase = aCase({ materials: [{ code: 'M01', fileName: 'a.pdf' }] });
    expect(() => assertMaterialsComplete(windowCase, item)).toThrow(
      expect.objectContaining({ code: 'MATERIALS_INCOMPLETE' }),
    );
    const deferrable = anItem({
      materials: item.materials.map((m) => (m.code === 'M02' ? { ...m, deferrable: true, deferDays: 5 } : m)),
    });
    expect(() => assertMaterialsComplete(windowCase, deferrable)).not.toThrow();
  });
});
