import { WorkCalendar } from '@app/shared/calendar';
import { testWorkCalendar } from '@app/shared/testing';
import { assertMaterialsComplete, pausedWorkingDays, supplementDeadline } from './case-clock';
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
