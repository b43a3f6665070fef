import { isHoliday, isWorkday } from 'chinese-days';
import { isWeekend, parseCalendarSpec } from './calendar-spec';
import { provisionalSchedule, PROVISIONAL_SOURCE_PREFIX, statutoryFestivals } from './provisional-schedule';
import { WorkCalendar } from './work-calendar';

const daysOf = (year: number): string[] => {
  const out: string[] = [];
  for (
    let d = new Date(`${year}-01-01T00:00:00Z`);
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

describe('provisionalSchedule (statutory holidays when the notice is late)', () => {
  it('2027: the seven festivals from the lunar calendar and the solar term, weekend days made up after them', () => {
    const f = Object.fromEntries(statutoryFestivals(2027).map((x) => [x.name, x.days]));
    expect(f).toEqual({
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], // 除夕 is 腊月廿九 that year
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
    const s = provisionalSchedule(2027);
    expect(s.holidays).toEqual([
      '2027-01-01',
      ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10'],
      '2027-04-05',
      ...['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04'],
      '2027-06-09',
      '2027-09-15',
      ...['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05'],
    ]);
    expect(s.workdays).toEqual([]);
    expect(s.source.startsWith(`${PROVISIONAL_SOURCE_PREFIX}:`)).toBe(true);
  });

  it.each([2025, 2026])(
    '%i (a notice under the 2024 rules): every statutory day is off, and as many weekdays are lost',
    (year) => {
      const days = daysOf(year);
      for (const d of statutoryFestivals(year).flatMap((x) => x.days)) {
        expect([d, isHoliday(d)]).toEqual([d, true]);
      }
      // The notice's weekdays off net of its 调休 weekends equal the provisional weekdays off.
      const official =
        days.filter((d) => !isWeekend(d) && !isWorkday(d)).length -
        days.filter((d) => isWeekend(d) && isWorkday(d)).length;
      const provisional = provisionalSchedule(year).holidays.filter((d) => !isWeekend(d)).length;
      expect([official, provisional]).toEqual([13, 13]);
    },
  );

  it('gives a day back where 中秋 falls on 1–3 October (2028: 3 Oct), so a year always loses 13 weekdays', () => {
    const s = provisionalSchedule(2028);
    expect(statutoryFestivals(2028).find((x) => x.name === '中秋节')!.days).toEqual(['2028-10-03']);
    expect(s.holidays.filter((d) => d.startsWith('2028-10'))).toEqual([
      '2028-10-01',
      '2028-10-02',
      '2028-10-03',
      '2028-10-04',
      '2028-10-05',
    ]);
    for (const year of [2027, 2028, 2029, 2030, 2031]) {
      expect([year, provisionalSchedule(year).holidays.filter((d) => !isWeekend(d)).length]).toEqual([
        year,
        13,
      ]);
    }
  });

  it('is a valid calendar file that covers the year', () => {
    const spec = parseCalendarSpec(JSON.stringify({ schedules: [provisionalSchedule(2027)] }));
    const cal = WorkCalendar.fromSpec(spec);
    expect(cal.coveredYears[1]).toBe(2027);
    expect(cal.isWorkingDay('2027-02-10')).toBe(false); // 补假 for 初一 and 初二 on the weekend
    expect(cal.isWorkingDay('2027-02-11')).toBe(true);
    expect(cal.isWorkingDay('2027-02-13')).toBe(false); // an ordinary Saturday: no 调休
  });
});
