/** 时限单位 codes of the provincial standard (promisetimeunit, docs/standards.md). */
export const TIME_UNITS = {
  '1': { zh: '工作日', en: 'working days' },
  '2': { zh: '自然日', en: 'calendar days' },
  '3': { zh: '小时', en: 'hours' },
  '4': { zh: '分钟', en: 'minutes' },
  '5': { zh: '月', en: 'months' },
} as const;
export type TimeUnitCode = keyof typeof TIME_UNITS;
export const isTimeUnitCode = (s: string): s is TimeUnitCode =>
  Object.prototype.hasOwnProperty.call(TIME_UNITS, s);

/** 承诺时限单位 工作日: the one unit whose clock skips weekends and holidays. */
export const WORKING_DAYS_UNIT = '1';

/**
 * How a case's 承诺办结日期 counts time — one rule for intake (补正 pauses) and approval (特别程序): in
 * working days for 工作日 (and for a case opened before the unit was kept, null); in natural days for every
 * other unit (2 自然日, 5 月, and 3 小时 / 4 分钟, whose due date is a date too): their time runs on weekends
 * and holidays as well.
 */
export function caseClockOf(promiseUnit: string | null | undefined): 'working' | 'natural' {
  return promiseUnit === undefined || promiseUnit === null || promiseUnit === WORKING_DAYS_UNIT
    ? 'working'
    : 'natural';
}

const DAY_MS = 86_400_000;
const utcDay = (d: string): number => Date.parse(`${d}T00:00:00Z`);

/** Natural days in (a, b] of two Shanghai dates: a is not counted, b is (0 when b ≤ a). */
export function naturalDaysBetween(a: string, b: string): number {
  return Math.max(0, Math.round((utcDay(b) - utcDay(a)) / DAY_MS));
}

/** The date `n` natural days after the Shanghai date `d`. */
export function addNaturalDays(d: string, n: number): string {
  return new Date(utcDay(d) + n * DAY_MS).toISOString().slice(0, 10);
}
