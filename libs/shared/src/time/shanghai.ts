/** Business dates are Asia/Shanghai (UTC+8, no daylight saving since 1991), whatever the machine's TZ. */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Asia/Shanghai calendar date of an instant: YYYY-MM-DD. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Asia/Shanghai calendar date of an instant: YYYYMMDD (case numbers). */
export function shanghaiCompactDate(d: Date): string {
  return shanghaiDate(d).replaceAll('-', '');
}

/** The instant 23:59:59.999 Asia/Shanghai of a business date (end of a day-based time limit). */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS);
}
