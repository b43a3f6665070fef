import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarSpec } from '../calendar/calendar-spec';
import { WorkCalendar } from '../calendar/work-calendar';

/**
 * A synthetic calendar file for tests (weekends and New Year's Day for the years after the built-in
 * data), so suites that compute deadlines from "now" keep passing once the real data runs out. Tests
 * pass it as WORK_CALENDAR_FILE and compare against `testWorkCalendar()`. Never used outside tests.
 */
export const TEST_WORK_CALENDAR_FILE = join(__dirname, 'work-calendar.fixture.json');

export function testWorkCalendar(): WorkCalendar {
  return WorkCalendar.fromSpec(parseCalendarSpec(readFileSync(TEST_WORK_CALENDAR_FILE, 'utf8')));
}
