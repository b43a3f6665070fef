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
