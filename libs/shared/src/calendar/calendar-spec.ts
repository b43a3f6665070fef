/**
 * The deployment's additions to the built-in holiday data, given as JSON (usually a mounted file,
 * `WORK_CALENDAR_FILE=/etc/gov/work-calendar.json`):
 *
 * ```json
 * {
 *   "schedules": [{ "year": 2027, "source": "国办发明电〔2026〕N号",
 *                   "holidays": ["2027-01-01", …], "workdays": ["2027-02-20", …] }],
 *   "overrides": [{ "date": "2026-11-25", "working": false, "reason": "台风停工" }]
 * }
 * ```
 *
 * A schedule is the State Council's notice for one whole year (放假 days and 调休 make-up working days);
 * it makes that year covered, and replaces the built-in data for a year the package already knows.
 * An override flips one day (a local closure, a correction) and wins over everything else.
 */
export interface YearSchedule {
  year: number;
  /** Where the schedule comes from (the notice's number), kept for audit. */
  source: string;
  /** Days off that would otherwise be working days (weekends may be listed too). */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
}

export interface CalendarOverride {
  date: string;
  working: boolean;
  reason?: string;
}

export interface CalendarSpec {
  schedules: YearSchedule[];
  overrides: CalendarOverride[];
}

export class CalendarSpecError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid working-day calendar: ${problems.join('; ')}`);
    this.name = 'CalendarSpecError';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2027-02-30 is not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(o: Record<string, unknown>, allowed: string[], at: string, problems: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) problems.push(`${at}: unknown field "${k}"`);
}

function parseSchedule(s: unknown, at: string, problems: string[]): YearSchedule | undefined {
  if (!isRecord(s)) {
    problems.push(`${at}: must be an object`);
    return undefined;
  }
  unknownKeys(s, ['year', 'source', 'holidays', 'workdays'], at, problems);
  const before = problems.length;
  const year = s.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    problems.push(`${at}.year: must be an integer year 2000–2100`);
  }
  if (typeof s.source !== 'string' || s.source.trim().length === 0 || s.source.length > 200) {
    problems.push(`${at}.source: the notice the schedule comes from is required (≤ 200 chars)`);
  }
  const days = (field: 'holidays' | 'workdays'): string[] => {
    const v = s[field];
    if (!Array.isArray(v)) {
      problems.push(`${at}.${field}: must be an array of YYYY-MM-DD dates`);
      return [];
    }
    const out: string[] = [];
    for (const d of v) {
      if (!isIsoDate(d)) problems.push(`${at}.${field}: "${String(d)}" is not a YYYY-MM-DD date`);
      else if (typeof year === 'number' && Number(d.slice(0, 4)) !== year) {
        problems.push(`${at}.${field}: ${d} is not in ${year}`);
      } else if (out.includes(d)) problems.push(`${at}.${field}: ${d} is listed twice`);
      else out.push(d);
    }
    return out;
  };
  const holidays = days('holidays');
  const workdays = days('workdays');
  for (const d of workdays) {
    if (holidays.includes(d)) problems.push(`${at}: ${d} is both a holiday and a working day`);
    if (!isWeekend(d)) problems.push(`${at}.workdays: ${d} is a weekday; list only weekend make-up days`);
  }
  if (problems.length > before) return undefined;
  return { year: year as number, source: (s.source as string).trim(), holidays, workdays };
}

function parseOverride(o: unknown, at: string, problems: string[]): CalendarOverride | undefined {
  if (!isRecord(o)) {
    problems.push(`${at}: must be an object`);
    return undefined;
  }
  unknownKeys(o, ['date', 'working', 'reason'], at, problems);
  const before = problems.length;
  if (!isIsoDate(o.date)) problems.push(`${at}.date: must be a YYYY-MM-DD date`);
  if (typeof o.working !== 'boolean') problems.push(`${at}.working: must be true or false`);
  if (o.reason !== undefined && (typeof o.reason !== 'string' || o.reason.length > 200)) {
    problems.push(`${at}.reason: must be a string of ≤ 200 chars`);
  }
  if (problems.length > before) return undefined;
  return { date: o.date as string, working: o.working as boolean, reason: o.reason as string | undefined };
}

/** Parses and checks a calendar spec; throws CalendarSpecError listing every problem. */
export function parseCalendarSpec(text: string): CalendarSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CalendarSpecError([`not JSON (${(e as Error).message})`]);
  }
  const problems: string[] = [];
  if (!isRecord(raw)) {
    throw new CalendarSpecError(['must be a JSON object with "schedules" and/or "overrides"']);
  }
  unknownKeys(raw, ['schedules', 'overrides'], '$', problems);
  const list = (field: string): unknown[] => {
    const v = raw[field] ?? [];
    if (!Array.isArray(v)) {
      problems.push(`${field}: must be an array`);
      return [];
    }
    return v;
  };
  const schedules = list('schedules')
    .map((s, i) => parseSchedule(s, `schedules[${i}]`, problems))
    .filter((s): s is YearSchedule => s !== undefined);
  const overrides = list('overrides')
    .map((o, i) => parseOverride(o, `overrides[${i}]`, problems))
    .filter((o): o is CalendarOverride => o !== undefined);
  const years = schedules.map((s) => s.year);
  for (const y of new Set(years)) {
    if (years.filter((x) => x === y).length > 1) problems.push(`schedules: ${y} is given more than once`);
  }
  const dates = overrides.map((o) => o.date);
  for (const d of new Set(dates)) {
    if (dates.filter((x) => x === d).length > 1) problems.push(`overrides: ${d} is given more than once`);
  }
  if (problems.length > 0) throw new CalendarSpecError(problems);
  return { schedules, overrides };
}
