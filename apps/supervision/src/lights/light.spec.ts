import { testWorkCalendar } from '@app/shared/testing';
import { computeLight, isPublishedChange, nextShanghaiDay } from './light';

/** Test calendar: 2027-01-01 (Friday) is a holiday; weekends are off. */
describe('computeLight', () => {
  const cal = testWorkCalendar();
  const light = (today: string, dueDate = '2027-01-04', pausedSince: string | null = null, yellowDays = 1) =>
    computeLight(cal, { dueDate, pausedSince, today, yellowDays });

  it('counts working days left across the New Year holiday and the weekend', () => {
    // (2026-12-30, 2027-01-04]: Thu 31st and Mon 4th are working days; Fri 1st is a holiday.
    expect(light('2026-12-30')).toEqual({
      light: 'GREEN',
      remainingWorkingDays: 2,
      effectiveDueDate: '2027-01-04',
    });
    expect(light('2026-12-31')).toEqual({
      light: 'YELLOW',
      remainingWorkingDays: 1,
      effectiveDueDate: '2027-01-04',
    });
    // The holiday and the weekend do not use up the last working day.
    expect(light('2027-01-01').remainingWorkingDays).toBe(1);
    expect(light('2027-01-03').remainingWorkingDays).toBe(1);
    // The due day itself: 0 left, still yellow; the next day red.
    expect(light('2027-01-04')).toEqual({
      light: 'YELLOW',
      remainingWorkingDays: 0,
      effectiveDueDate: '2027-01-04',
    });
    expect(light('2027-01-05')).toEqual({
      light: 'RED',
      remainingWorkingDays: -1,
      effectiveDueDate: '2027-01-04',
    });
    expect(light('2027-01-08').remainingWorkingDays).toBe(-4);
  });

  it('is red on a non-working day right after the due date, with 0 working days overdue', () => {
    const r = light('2027-01-01', '2026-12-31');
    expect(r.light).toBe('RED');
    expect(Object.is(r.remainingWorkingDays, 0)).toBe(true);
  });

  it('honours the yellow threshold per clock type', () => {
    expect(light('2026-12-30', '2027-01-04', null, 2).light).toBe('YELLOW');
    expect(light('2026-12-31', '2027-01-04', null, 0).light).toBe('GREEN');
    expect(light('2027-01-04', '2027-01-04', null, 0).light).toBe('YELLOW');
  });

  it('stands still while paused: the due date moves by the paused working days', () => {
    // Paused on 2026-12-31 with 1 working day left: on 2027-01-05 (2 working days of pause) it is still 1.
    const r = light('2027-01-05', '2027-01-04', '2026-12-31');
    expect(r).toEqual({ light: 'YELLOW', remainingWorkingDays: 1, effectiveDueDate: '2027-01-06' });
    // A pause that starts today has not moved anything yet.
    expect(light('2026-12-31', '2027-01-04', '2026-12-31').effectiveDueDate).toBe('2027-01-04');
    // Over the holiday the pause adds nothing (no working day passed).
    expect(light('2027-01-03', '2027-01-04', '2026-12-31').effectiveDueDate).toBe('2027-01-04');
  });

  it('turns red after the end of the due day (Asia/Shanghai) and publishes every change but a first green', () => {
    expect(nextShanghaiDay('2027-01-04').toISOString()).toBe('2027-01-04T16:00:00.000Z');
    expect(isPublishedChange(null, 'GREEN')).toBe(false);
    expect(isPublishedChange(null, 'RED')).toBe(true);
    expect(isPublishedChange('GREEN', 'YELLOW')).toBe(true);
    expect(isPublishedChange('RED', 'RED')).toBe(false);
  });
});
