import { getSolarDateFromLunar, getSolarTerms } from 'chinese-days';
import { isWeekend, YearSchedule } from './calendar-spec';
import { addDays } from './work-calendar';

/** How a provisional schedule's `source` begins (the README's runbook and the boot log show it). */
export const PROVISIONAL_SOURCE_PREFIX = 'PROVISIONAL';

export interface Festival {
  name: string;
  days: string[];
}

const iso = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The solar date of a lunar month and day of `lunarYear` (never a leap month). */
function lunar(lunarYear: number, month: number, day: number): string {
  return getSolarDateFromLunar(iso(lunarYear, month, day)).date;
}

/** The statutory festivals of `year` (article 2), each with its days in order. */
export function statutoryFestivals(year: number): Festival[] {
  const newYear = lunar(year, 1, 1);
  const qingming = getSolarTerms(iso(year, 4, 1), iso(year, 4, 30)).find((t) => t.name === '清明');
  if (!qingming) throw new Error(`no 清明 solar term found in April ${year}`);
  return [
    { name: '元旦', days: [iso(year, 1, 1)] },
    { name: '春节', days: [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2)] },
    { name: '清明节', days: [qingming.date] },
    { name: '劳动节', days: [iso(year, 5, 1), iso(year, 5, 2)] },
    { name: '端午节', days: [lunar(year, 5, 5)] },
    { name: '中秋节', days: [lunar(year, 8, 15)] },
    { name: '国庆节', days: [iso(year, 10, 1), iso(year, 10, 2), iso(year, 10, 3)] },
  ];
}

/**
 * A year's days off by the statutory rules alone, for when the State Council's notice for the year
 * (国务院办公厅关于 YYYY 年部分节假日安排的通知) is not out in time: 《全国年节及纪念日放假办法》 as revised
 * in 2024 (effective 2025), article 2 — 元旦 1 day (1 Jan), 春节 4 days (除夕 and 正月初一 to 初三),
 * 清明节 1 day (the 清明 solar term), 劳动节 2 days (1–2 May), 端午节 1 day (五月初五), 中秋节 1 day
 * (八月十五), 国庆节 3 days (1–3 Oct) — and its rule that a holiday falling on a Saturday or Sunday is made
 * up on a working day (补假: here the first weekdays after the festival that are not already off).
 *
 * It is an approximation, and says so in its `source`: the notice also moves weekend days to weekdays
 * (调休) to join long breaks, which no rule predicts, so deadlines counted with it can differ from the
 * official ones by a few days around the festivals. Lunar dates and the solar term come from
 * `chinese-days`' astronomical tables, which reach years its holiday data does not.
 *
 * Every statutory day is off; for each one on a weekend, or on a day another festival already has (中秋 on
 * 1–3 Oct, as in 2020, when the notice gave the day back), a make-up weekday off follows its festival. So
 * a year always loses 13 weekdays, as the 2025 and 2026 notices did net of their 调休 (the spec checks).
 * No 调休 working weekends (`workdays` is empty).
 */
export function provisionalSchedule(year: number): YearSchedule {
  const festivals = statutoryFestivals(year);
  const off = new Set(festivals.flatMap((f) => f.days));
  const counted = new Set<string>();
  for (const f of festivals) {
    let owed = 0;
    for (const d of f.days) {
      if (isWeekend(d) || counted.has(d)) owed++;
      counted.add(d);
    }
    for (let d = addDays(f.days[f.days.length - 1], 1); owed > 0; d = addDays(d, 1)) {
      if (isWeekend(d) || off.has(d)) continue;
      off.add(d);
      owed--;
    }
  }
  return {
    year,
    source: `${PROVISIONAL_SOURCE_PREFIX}: statutory holidays of 全国年节及纪念日放假办法 (2024) with weekday 补假, no 调休; not the State Council notice for ${year}, replace it when published`,
    holidays: [...off].filter((d) => d.startsWith(`${year}-`)).sort(),
    workdays: [],
  };
}
