import { Logger, type FactoryProvider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ServiceConfig } from '../config/service.config';
import { provisionalSchedule } from '../calendar/provisional-schedule';
import { WorkCalendar } from '../calendar/work-calendar';
import { metricsRegistry } from '../metrics/metrics';
import { TEST_WORK_CALENDAR_FILE } from '../testing/work-calendar.fixture';
import { calendarCoverage, workCalendarProvider } from './work-calendar.provider';

/** `work_calendar_days_left` as Prometheus scrapes it. */
const scrape = () => metricsRegistry.getSingleMetricAsString('work_calendar_days_left');

const load = (WORK_CALENDAR?: string): WorkCalendar =>
  (workCalendarProvider() as FactoryProvider<WorkCalendar>).useFactory(
    Object.assign(new ServiceConfig(), { WORK_CALENDAR }),
  ) as WorkCalendar;

describe('the working-day calendar provider and work_calendar_days_left', () => {
  afterEach(() => jest.useRealTimers());

  it('counts the days left to the end of the built-in data, by the Shanghai date, at every scrape', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-28T20:00:00+08:00') });
    load();
    expect(await scrape()).toContain('work_calendar_days_left{covered_until="2026-12-31"} 33');
    // A scrape the next day, without a restart; an instant after midnight in Shanghai (16:00 UTC).
    jest.setSystemTime(new Date('2026-11-29T16:30:00Z'));
    expect(await scrape()).toContain('work_calendar_days_left{covered_until="2026-12-31"} 31');
  });

  it('counts to the end of the schedules a WORK_CALENDAR_FILE adds', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-28T20:00:00+08:00') });
    load(readFileSync(TEST_WORK_CALENDAR_FILE, 'utf8')); // 2027 and 2028
    expect(await scrape()).toContain('work_calendar_days_left{covered_until="2028-12-31"} 764');
  });

  it('warns at boot when a schedule is provisional (statutory holidays only), naming its year', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      load(JSON.stringify({ schedules: [provisionalSchedule(2027)] }));
      const provisional = warn.mock.calls.filter(([, msg]) => String(msg).includes('provisional schedule'));
      expect(provisional).toEqual([
        [{ years: [2027] }, expect.stringContaining('for 2027 (statutory holidays only')],
      ]);
      warn.mockClear();
      load(readFileSync(TEST_WORK_CALENDAR_FILE, 'utf8'));
      expect(warn.mock.calls.filter(([, msg]) => String(msg).includes('provisional'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('goes below zero once the coverage has ended (every deadline is refused then)', () => {
    const calendar = new WorkCalendar();
    expect(calendarCoverage(calendar, new Date('2027-01-01T00:30:00+08:00'))).toEqual({
      until: '2026-12-31',
      daysLeft: -1,
    });
  });
});
