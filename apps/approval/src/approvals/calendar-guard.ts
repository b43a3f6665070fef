import { CalendarNotCoveredError } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';

/** Runs a working-day calculation; a year the calendar does not cover becomes 503 CALENDAR_NOT_COVERED. */
export function withCalendar<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof CalendarNotCoveredError) {
      throw new DomainError('CALENDAR_NOT_COVERED', undefined, { year: e.year });
    }
    throw e;
  }
}
