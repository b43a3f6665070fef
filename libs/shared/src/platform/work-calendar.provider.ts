import { Logger, Provider } from '@nestjs/common';
import { ServiceConfig } from '../config/service.config';
import { parseCalendarSpec } from '../calendar/calendar-spec';
import { WorkCalendar } from '../calendar/work-calendar';

/** Warn this many days before the calendar runs out, so ops load next year's schedule in time. */
export const CALENDAR_WARN_DAYS = 60;

/**
 * The service's WorkCalendar: the built-in data plus the deployment's WORK_CALENDAR (already validated
 * with the rest of the config). Logs what it covers, and warns when the coverage ends soon: from then on
 * any deadline reaching past it is refused with CALENDAR_NOT_COVERED rather than guessed.
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
      const today = calendar.toShanghaiDate(new Date());
      const until = calendar.coveredUntil(Number(today.slice(0, 4)));
      const daysLeft = Math.floor((Date.parse(until) - Date.parse(today)) / 86_400_000);
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
      return calendar;
    },
  };
}
