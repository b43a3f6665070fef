import { isWorkday as cdIsWorkday } from 'chinese-days';
import * as cdData from 'chinese-days/dist/chinese-days.json';
import { CalendarOverride, CalendarSpec, isIsoDate, isWeekend, YearSchedule } from './calendar-spec';
import { endOfShanghaiDay, shanghaiDate } from '../time/shanghai';
import { TimeUnitCode } from './time-unit';

/** Thrown for any date in a year the holiday data does not cover: never a silent guess. */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly covered: [number, number],
  ) {
    super(
      `working-day calendar has no data for ${year} (covered ${covered[0]}–${covered[1]}); load the year's official schedule (WORK_CALENDAR_FILE)`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

/** The years chinese-days actually has holiday data for. */
function dataYears(): number[] {
  const data = cdData as unknown as { holidays: Record<string, unknown> };
  return [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))];
}

/** The ISO date `n` calendar days after `date` (before it when negative). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Chinese working days (statutory holidays and 调休 make-up days) from `chinese-days`, with an override
 * table for corrections and a hard error outside the covered years. Business dates are Asia/Shanghai.
 */
export class WorkCalendar {
  /** Lowest and highest covered year (every year between is covered unless a schedule left a gap). */
  readonly coveredYears: [number, number];
  private readonly years: Set<number>;
  private readonly overrides: Map<string, boolean>;
  private readonly schedules: Map<number, { holidays: Set<string>; workdays: Set<string> }>;

  /**
   * @param opts.coveredYears limit the built-in data to these years (tests);
   * @param opts.schedules official year schedules that add (or replace) years;
   * @param opts.overrides single-day corrections that win over everything else.
   */
  constructor(
    opts: {
      coveredYears?: [number, number];
      schedules?: YearSchedule[];
      overrides?: CalendarOverride[];
    } = {},
  ) {
    const limit = opts.coveredYears;
    const builtIn = dataYears().filter((y) => !limit || (y >= limit[0] && y <= limit[1]));
    this.schedules = new Map(
      (opts.schedules ?? []).map((s) => [
        s.year,
        { holidays: new Set(s.holidays), workdays: new Set(s.workdays) },
      ]),
    );
    this.years = new Set([...builtIn, ...this.schedules.keys()]);
    const sorted = [...this.years].sort((a, b) => a - b);
    this.coveredYears = [sorted[0], sorted[sorted.length - 1]];
    this.overrides = new Map((opts.overrides ?? []).map((o) => [o.date, o.working]));
  }

  static fromSpec(spec: CalendarSpec): WorkCalendar {
    return new WorkCalendar({ schedules: spec.schedules, overrides: spec.overrides });
  }

  /** The last day of the last covered year with no gap after `fromYear` (for the coverage warning). */
  coveredUntil(fromYear: number): string {
    let y = fromYear;
    while (this.years.has(y + 1)) y++;
    return this.years.has(y) ? `${y}-12-31` : `${fromYear - 1}-12-31`;
  }

  /** Asia/Shanghai calendar date (YYYY-MM-DD) of an instant, independent of the machine's TZ. */
  toShanghaiDate(d: Date): string {
    return shanghaiDate(d);
  }

  isWorkingDay(date: string): boolean {
    if (!isIsoDate(date)) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
    const override = this.overrides.get(date);
    if (override !== undefined) return override;
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarNotCoveredError(year, this.coveredYears);
    const schedule = this.schedules.get(year);
    if (schedule) {
      if (schedule.holidays.has(date)) return false;
      if (schedule.workdays.has(date)) return true;
      return !isWeekend(date);
    }
    return cdIsWorkday(date);
  }

  /** The n-th working day after `start` (start itself not counted); n = 0 returns start. */
  addWorkingDays(start: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a non-negative integer: ${n}`);
    let d = start;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days in (a, b]: a is not counted, b is. */
  workingDaysBetween(a: string, b: string): number {
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /**
   * When a time limit that starts at `start` ends. Day-based units end at 23:59:59.999 Shanghai time of
   * the due date; hours and minutes are instant arithmetic.
   */
  dueDate(start: Date, amount: number, unit: TimeUnitCode): { dueDate: string; dueAt: Date } {
    const startDate = this.toShanghaiDate(start);
    const endOfDay = endOfShanghaiDay;
    switch (unit) {
      case '1': {
        const dueDate = this.addWorkingDays(startDate, amount);
        return { dueDate, dueAt: endOfDay(dueDate) };
      }
      case '2': {
        const dueDate = addDays(startDate, amount);
        this.assertCovered(dueDate);
        return { dueDate, dueAt: endOfDay(dueDate) };
      }
      case '5': {
        const [y, m, d] = startDate.split('-').map(Number);
        const target = new Date(Date.UTC(y, m - 1 + amount, 1));
        const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        target.setUTCDate(Math.min(d, lastDay));
        const dueDate = target.toISOString().slice(0, 10);
        this.assertCovered(dueDate);
        return { dueDate, dueAt: endOfDay(dueDate) };
      }
      case '3':
      case '4': {
        const dueAt = new Date(start.getTime() + amount * (unit === '3' ? 3600_000 : 60_000));
        return { dueDate: this.toShanghaiDate(dueAt), dueAt };
      }
      default: {
        const unknown: never = unit;
        throw new Error(`unknown 时限单位 code: ${String(unknown)}`);
      }
    }
  }

  private assertCovered(date: string): void {
    const year = Number(date.slice(0, 4));
    if (!this.overrides.has(date) && !this.years.has(year)) {
      throw new CalendarNotCoveredError(year, this.coveredYears);
    }
  }
}
