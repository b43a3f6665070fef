import { isWorkday as cdIsWorkday } from 'chinese-days';
import * as cdData from 'chinese-days/dist/chinese-days.json';
import { TimeUnitCode } from './time-unit';

/** Thrown for any date in a year the holiday data does not cover: never a silent guess. */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly covered: [number, number],
  ) {
    super(
      `working-day calendar has no data for ${year} (covered ${covered[0]}–${covered[1]}); add the year's official schedule to the override table`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

export interface CalendarOverride {
  date: string;
  working: boolean;
  reason?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // Asia/Shanghai has no DST since 1991

/** The years chinese-days actually has holiday data for. */
function dataYears(): [number, number] {
  const data = cdData as unknown as { holidays: Record<string, unknown> };
  const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
  return [Math.min(...years), Math.max(...years)];
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Chinese working days (statutory holidays and 调休 make-up days) from `chinese-days`, with an override
 * table for corrections and a hard error outside the covered years. Business dates are Asia/Shanghai.
 */
export class WorkCalendar {
  readonly coveredYears: [number, number];
  private readonly overrides: Map<string, boolean>;

  constructor(opts: { coveredYears?: [number, number]; overrides?: CalendarOverride[] } = {}) {
    this.coveredYears = opts.coveredYears ?? dataYears();
    this.overrides = new Map((opts.overrides ?? []).map((o) => [o.date, o.working]));
  }

  /** Asia/Shanghai calendar date (YYYY-MM-DD) of an instant, independent of the machine's TZ. */
  toShanghaiDate(d: Date): string {
    return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  }

  isWorkingDay(date: string): boolean {
    const m = DATE_RE.exec(date);
    if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
    const override = this.overrides.get(date);
    if (override !== undefined) return override;
    const year = Number(m[1]);
    if (year < this.coveredYears[0] || year > this.coveredYears[1]) {
      throw new CalendarNotCoveredError(year, this.coveredYears);
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
    const endOfDay = (date: string) => new Date(Date.parse(`${date}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS);
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
    }
  }

  private assertCovered(date: string): void {
    const year = Number(date.slice(0, 4));
    if (!this.overrides.has(date) && (year < this.coveredYears[0] || year > this.coveredYears[1])) {
      throw new CalendarNotCoveredError(year, this.coveredYears);
    }
  }
}
