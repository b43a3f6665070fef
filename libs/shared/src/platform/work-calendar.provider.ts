import { Logger, Provider } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { ServiceConfig } from '../config/service.config';
import { parseCalendarSpec } from '../calendar/calendar-spec';
import { PROVISIONAL_SOURCE_PREFIX } from '../calendar/provisional-schedule';
import { WorkCalendar } from '../calendar/work-calendar';
import { metricsRegistry } from '../metrics/metrics';

/** Warn this many days before the calendar runs out, so ops load next year's schedule in time. */
export const CALENDAR_WARN_DAYS = 60;

/** The last day the calendar covers without a gap from today, and how many days are left until then. */
export function calendarCoverage(calendar: WorkCalendar, now: Date): { until: string; daysLeft: number } {
  const today = calendar.toShanghaiDate(now);
  const until = calendar.coveredUntil(Number(today.slice(0, 4)));
  return { until, daysLeft: Math.floor((Date.parse(until) - Date.parse(today)) / 86_400_000) };
}

/** The calendar this process loaded (a test process may load several: the gauge reports the last). */
let reported: WorkCalendar | undefined;

/**
 * Days left until the calendar's coverage ends, computed at every scrape (so it counts down without a
 * restart), labelled with that last day. Only services that load a calendar report it (the label keeps
 * the others from exporting a 0). Alerts: WorkCalendarEndingSoon, WorkCalendarRunningOut.
 */
new Gauge({
  name: 'work_calendar_days_left',
  help: 'Days until the working-day calendar (built-in data and WORK_CALENDAR_FILE) ends; deadlines past it are refused (CALENDAR_NOT_COVERED)',
  labelNames: ['covered_until'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    if (!reported) return;
    const { until, daysLeft } = calendarCoverage(reported, new Date());
    this.set({ covered_until: until }, daysLeft);
  },
});

/**
 * The service's WorkCalendar: the built-in data plus the deployment's WORK_CALENDAR (already validated
 * with the rest of the config). Logs what it covers, and warns when the coverage ends soon: from then on
 * any deadline reaching past it is refused with CALENDAR_NOT_COVERED rather than guessed. The metric
 * `work_calendar_days_left` counts down to that day.
 */
export function workCalendarProvider(): Provider {
  return {
    provide: WorkCalendar,
    inject: [ServiceConfig],
    useFactory: (cfg: ServiceConfig) => {
      const spec = cfg.WORK_CALENDAR
        ? parseCalendarSpec(cfg.WORK_CALENDAR)
        : { schedules: [], overrides: [] };
      const calendar = WorkCalendar.fromSpec(spec);
      const logger = new Logger('WorkCalendar');
      const { until, daysLeft } = calendarCoverage(calendar, new Date());
      const info = {
        coveredUntil: until,
        schedules: spec.schedules.map((s) => `${s.year} (${s.source})`),
        overrides: spec.overrides.length,
      };
      if (daysLeft < CALENDAR_WARN_DAYS) {
        logger.warn(
          { ...info, daysLeft },
          `working-day calendar ends ${until}: deadlines past it are refused (CALENDAR_NOT_COVERED); load next year's official schedule with WORK_CALENDAR_FILE`,
        );
      } else {
        logger.log(info, 'working-day calendar loaded');
      }
      const provisional = spec.schedules.filter((s) => s.source.startsWith(PROVISIONAL_SOURCE_PREFIX));
      if (provisional.length > 0) {
        logger.warn(
          { years: provisional.map((s) => s.year) },
          `working-day calendar: provisional schedule for ${provisional.map((s) => s.year).join(', ')} (statutory holidays only, no 调休): replace it with the State Council notice when published`,
        );
      }
      reported = calendar;
      return calendar;
    },
  };
}
