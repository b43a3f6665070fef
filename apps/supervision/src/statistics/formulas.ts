import { WorkCalendar } from '@app/shared/calendar';
import { shanghaiDate } from '@app/shared/time';
import { Metric, percentile, rate, round } from './metric';
import { BadReviewOrderFacts, rectificationMetrics, VisitFact, visitMetrics } from './reform-formulas';
import type { PromisedItemFact } from './reform-formulas';

export type { Metric } from './metric';
export { percentile, rate, unavailable } from './metric';

/** 办结结果 that are a decision on the application: 0 出证办结, 1 不予许可, 4 转报办结. */
export const DECIDED_RESULTS = ['0', '1', '4'];
/** 评价渠道 7: 系统默认评价 (no one rated). */
export const DEFAULT_RATING_PF = '7';
/** Grades 1–2 are 差评; 3–5 (基本满意, 满意, 非常满意) are satisfied. */
export const BAD_GRADE_MAX = 2;

export interface CompletedCaseFact extends VisitFact {
  caseNo: string;
  acceptedAt: Date;
  completedAt: Date;
  doneResult: string;
  /** The promise as it stood at completion: 承诺办结日期 + 特别程序 paused working days. */
  promiseDue: string | null;
}
export interface ImmediateCaseFact {
  acceptedAt: Date;
  completedAt: Date | null;
  doneResult: string | null;
}
export interface RatingFact {
  caseNo: string;
  deptCode: string;
  satisfaction: number;
  pf: string;
}
export interface StatisticsFacts {
  /** Decided cases (DECIDED_RESULTS) completed in the period, with their acceptance. */
  completed: CompletedCaseFact[];
  /** 即办件 accepted in the period. */
  immediate: ImmediateCaseFact[];
  /** 申报方式 of the cases submitted in the period. */
  submittedChannels: string[];
  /** First ratings (assessNumber 1) given in the period. */
  ratings: RatingFact[];
  /** 差评整改 work orders opened in the period and what became of them. */
  badReviewOrders: BadReviewOrderFacts;
  /** Items with cases accepted in the period (their 跑动次数). */
  items: PromisedItemFact[];
  /** Open 承诺办结 clocks that are red now. */
  openOverdue: number;
}

/** The average and the 90th percentile of a list of durations, as two metrics. */
export function durationMetrics(
  key: string,
  name: string,
  values: number[],
  unit: 'hours' | 'working-days',
  what: string,
): Metric[] {
  const sum = values.reduce((a, b) => a + b, 0);
  const p90 = percentile(values, 0.9);
  return [
    {
      key: `${key}Average`,
      name: `平均${name}`,
      formula: `Σ ${what} / 办结数 (numerator: the sum, denominator: the number of cases)`,
      numerator: round(sum, 2),
      denominator: values.length,
      value: values.length === 0 ? null : round(sum / values.length, 2),
      unit,
      available: true,
    },
    {
      key: `${key}P90`,
      name: `${name} P90`,
      formula: `${what} 第 ⌈0.9 × n⌉ 小的值 (nearest rank; numerator: the rank, denominator: n)`,
      numerator: p90.rank,
      denominator: values.length,
      value: p90.value === null ? null : round(p90.value, 2),
      unit,
      available: true,
    },
  ];
}

const HOUR_MS = 3_600_000;

/** Every reform number of one period, from the facts the events carried. */
export function computeMetrics(cal: WorkCalendar, f: StatisticsFacts): Metric[] {
  const onTime = f.completed.filter(
    (c) => c.promiseDue !== null && shanghaiDate(c.completedAt) <= c.promiseDue,
  ).length;
  const immediateSameDay = f.immediate.filter(
    (c) =>
      c.completedAt !== null &&
      c.doneResult !== null &&
      DECIDED_RESULTS.includes(c.doneResult) &&
      shanghaiDate(c.completedAt) === shanghaiDate(c.acceptedAt),
  ).length;
  const ratedCases = new Set(f.ratings.map((r) => r.caseNo));
  const activeCases = new Set(f.ratings.filter((r) => r.pf !== DEFAULT_RATING_PF).map((r) => r.caseNo));
  const satisfied = f.ratings.filter((r) => r.satisfaction > BAD_GRADE_MAX).length;
  const bad = f.ratings.length - satisfied;
  const hours = f.completed.map((c) => (c.completedAt.getTime() - c.acceptedAt.getTime()) / HOUR_MS);
  const workdays = f.completed.map((c) =>
    cal.workingDaysBetween(shanghaiDate(c.acceptedAt), shanghaiDate(c.completedAt)),
  );
  return [
    ...visitMetrics(f.completed, f.items),
    rate(
      'onlineSubmissionRate',
      '网上申报率',
      '申报方式 1 (网上) 的收件数 / 期间收件数 (submitted in the period)',
      f.submittedChannels.filter((c) => c === '1').length,
      f.submittedChannels.length,
    ),
    rate(
      'immediateSameDayRate',
      '即办件当日办结率',
      '受理当日 (Asia/Shanghai) 办结 (办结结果 0/1/4) 的即办件数 / 期间受理的即办件数',
      immediateSameDay,
      f.immediate.length,
    ),
    rate(
      'onTimeCompletionRate',
      '按时办结率',
      '办结日期 ≤ 承诺办结日期 (含特别程序顺延的工作日) 的办结件数 / 期间办结件数 (办结结果 0/1/4, 已受理)',
      onTime,
      f.completed.length,
    ),
    {
      key: 'overdueCompleted',
      name: '逾期办结件数',
      formula: '期间办结件数 − 按时办结件数 (denominator: 期间办结件数)',
      numerator: f.completed.length - onTime,
      denominator: f.completed.length,
      value: f.completed.length - onTime,
      unit: 'count',
      available: true,
    },
    {
      key: 'openOverdue',
      name: '在办逾期件数 (红灯)',
      formula: '承诺办结时钟为红灯的在办件数 (now, not bound to the period; denominator: none)',
      numerator: f.openOverdue,
      denominator: null,
      value: f.openOverdue,
      unit: 'count',
      available: true,
    },
    ...durationMetrics('timeToResultHours', '办结用时 (小时)', hours, 'hours', '(办结时间 − 受理时间) 小时'),
    ...durationMetrics(
      'timeToResultWorkingDays',
      '办结用时 (工作日)',
      workdays,
      'working-days',
      '受理日 (不含) 至办结日 (含) 的工作日数',
    ),
    rate(
      'satisfactionRate',
      '满意率',
      '满意度 3–5 (基本满意/满意/非常满意) 的首次评价数 / 期间首次评价数 (含系统默认评价)',
      satisfied,
      f.ratings.length,
    ),
    rate(
      'activeRatingRate',
      '主动评价率',
      '有主动评价 (评价渠道 ≠ 7 系统默认) 的办件数 / 期间被评价的办件数',
      activeCases.size,
      ratedCases.size,
    ),
    rate('badReviewRate', '差评率', '满意度 1–2 的首次评价数 / 期间首次评价数', bad, f.ratings.length),
    ...rectificationMetrics(f.badReviewOrders),
  ];
}

/** 满意率 per department (first ratings of the period), the department with most ratings first. */
export function satisfactionByDepartment(
  ratings: RatingFact[],
): Array<{ deptCode: string; ratings: number; satisfied: number; value: number | null }> {
  const by = new Map<string, { ratings: number; satisfied: number }>();
  for (const r of ratings) {
    const d = by.get(r.deptCode) ?? { ratings: 0, satisfied: 0 };
    d.ratings++;
    if (r.satisfaction > BAD_GRADE_MAX) d.satisfied++;
    by.set(r.deptCode, d);
  }
  return [...by.entries()]
    .map(([deptCode, d]) => ({ deptCode, ...d, value: round(d.satisfied / d.ratings) }))
    .sort((a, b) => b.ratings - a.ratings || a.deptCode.localeCompare(b.deptCode));
}

export interface BundleFact {
  submittedAt: Date | null;
  state: string | null;
  endedAt: Date | null;
  members: Array<{ startedAt: string | null; endedAt: string | null }> | null;
}

export interface BundleNumbers {
  submitted: number;
  completed: number;
  partiallyCompleted: number;
  failed: number;
  withdrawn: number;
  timeSaved: Metric;
}

/**
 * 一件事 numbers of a period [start, end): bundles filed, bundles ended by state, and the time saved by the
 * completed ones: for each, Σ of its member cases' durations (handled one after another) − the bundle's own
 * elapsed time (filed → ended); the rate is the saving over Σ member durations.
 */
export function bundleNumbers(bundles: BundleFact[], start: Date, end: Date): BundleNumbers {
  const inPeriod = (d: Date | null) => d !== null && d >= start && d < end;
  const ended = bundles.filter((b) => inPeriod(b.endedAt));
  const byState = (s: string) => ended.filter((b) => b.state === s).length;
  let sequential = 0;
  let saved = 0;
  for (const b of ended.filter((x) => x.state === 'COMPLETED')) {
    const runs = (b.members ?? []).filter((m) => m.startedAt && m.endedAt);
    if (runs.length === 0 || !b.endedAt) continue;
    const member = runs.reduce(
      (a, m) => a + (Date.parse(m.endedAt!) - Date.parse(m.startedAt!)) / HOUR_MS,
      0,
    );
    const first = b.submittedAt?.getTime() ?? Math.min(...runs.map((m) => Date.parse(m.startedAt!)));
    sequential += member;
    saved += member - (b.endedAt.getTime() - first) / HOUR_MS;
  }
  return {
    submitted: bundles.filter((b) => inPeriod(b.submittedAt)).length,
    completed: byState('COMPLETED'),
    partiallyCompleted: byState('PARTIALLY_COMPLETED'),
    failed: byState('FAILED'),
    withdrawn: byState('WITHDRAWN'),
    timeSaved: {
      key: 'bundleTimeSavedRate',
      name: '一件事办理时间压缩率',
      formula:
        'Σ (成员办件用时之和 − 一件事从申请到办结的用时) / Σ 成员办件用时之和, over the bundles completed in the period (numerator and denominator in hours)',
      numerator: round(saved, 2),
      denominator: round(sequential, 2),
      value: sequential === 0 ? null : round(saved / sequential),
      unit: 'ratio',
      available: true,
      note: 'the baseline is the same member cases handled one after another; the time of separate applications before the reform is in no event',
    },
  };
}
