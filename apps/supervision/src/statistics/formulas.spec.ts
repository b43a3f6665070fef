import { testWorkCalendar } from '@app/shared/testing';
import {
  bundleNumbers,
  computeMetrics,
  Metric,
  percentile,
  satisfactionByDepartment,
  StatisticsFacts,
} from './formulas';
import { compression, promiseCompressionOf } from './reform-formulas';

const D1 = '113301000024901620';
const D2 = '11330100002491026R';

/** Each formula on a small set of facts computed by hand (test calendar: 2027-01-01 is a holiday). */
describe('statistics formulas', () => {
  const cal = testWorkCalendar();
  const at = (iso: string) => new Date(iso);
  const facts: StatisticsFacts = {
    completed: [
      // on time: done 01-05 (Shanghai), promise 01-06; 24 h; 1 working day
      {
        caseNo: 'C1',
        visits: 0,
        visitLimit: 1,
        acceptedAt: at('2027-01-04T02:00:00Z'),
        completedAt: at('2027-01-05T02:00:00Z'),
        doneResult: '0',
        promiseDue: '2027-01-06',
      },
      // late: done 01-08, promise 01-06; 102 h; 4 working days
      {
        caseNo: 'C2',
        visits: 1,
        visitLimit: 1,
        acceptedAt: at('2027-01-04T02:00:00Z'),
        completedAt: at('2027-01-08T08:00:00Z'),
        doneResult: '1',
        promiseDue: '2027-01-06',
      },
      // on time on the due day, across the holiday: 96 h; (12-31, 01-04] = 1 working day
      {
        caseNo: 'C3',
        visits: 2,
        visitLimit: 1,
        acceptedAt: at('2026-12-31T01:00:00Z'),
        completedAt: at('2027-01-04T01:00:00Z'),
        doneResult: '0',
        promiseDue: '2027-01-04',
      },
      // late by the Shanghai date: 17:00Z on 01-04 is 01:00 on 01-05 in Shanghai; 17 h; 1 working day
      {
        caseNo: 'C4',
        visits: null,
        visitLimit: null,
        acceptedAt: at('2027-01-04T00:00:00Z'),
        completedAt: at('2027-01-04T17:00:00Z'),
        doneResult: '0',
        promiseDue: '2027-01-04',
      },
    ],
    immediate: [
      { acceptedAt: at('2027-01-04T01:00:00Z'), completedAt: at('2027-01-04T05:00:00Z'), doneResult: '0' },
      // accepted 23:00 Shanghai, done 01:00 the next day: not the same day
      { acceptedAt: at('2027-01-04T15:00:00Z'), completedAt: at('2027-01-04T17:00:00Z'), doneResult: '0' },
      { acceptedAt: at('2027-01-04T01:00:00Z'), completedAt: null, doneResult: null },
      // withdrawn the same day (作废办结 2) is no 办结 of the application
      { acceptedAt: at('2027-01-04T01:00:00Z'), completedAt: at('2027-01-04T02:00:00Z'), doneResult: '2' },
    ],
    submittedChannels: ['1', '1', '0', '2'],
    ratings: [
      { caseNo: 'A', deptCode: D1, satisfaction: 5, pf: '1' },
      { caseNo: 'B', deptCode: D1, satisfaction: 3, pf: '7' },
      { caseNo: 'C', deptCode: D2, satisfaction: 1, pf: '2' },
      { caseNo: 'D', deptCode: D1, satisfaction: 2, pf: '7' },
      { caseNo: 'E', deptCode: D2, satisfaction: 4, pf: '1' },
    ],
    badReviewOrders: { opened: 5, voided: 1, rectified: 3, rectifiedOnTime: 2, followedUp: 1 },
    openOverdue: 3,
    items: [
      {
        itemCode: 'I1',
        itemName: null,
        promiseLimit: 5,
        promiseUnit: '1',
        legalLimit: 20,
        legalUnit: '1',
        visitLimit: 0,
        cases: 2,
      },
      {
        itemCode: 'I1',
        itemName: null,
        promiseLimit: 4,
        promiseUnit: '1',
        legalLimit: 20,
        legalUnit: '1',
        visitLimit: 1,
        cases: 1,
      },
      {
        itemCode: 'I2',
        itemName: null,
        promiseLimit: 2,
        promiseUnit: '1',
        legalLimit: 10,
        legalUnit: '2',
        visitLimit: 2,
        cases: 1,
      },
      {
        itemCode: 'I3',
        itemName: null,
        promiseLimit: 30,
        promiseUnit: '4',
        legalLimit: 2,
        legalUnit: '3',
        visitLimit: null,
        cases: 1,
      },
    ],
  };
  const metrics = computeMetrics(cal, facts);
  const m = (key: string): Metric => {
    const found = metrics.find((x) => x.key === key);
    if (!found) throw new Error(`no metric ${key}`);
    return found;
  };
  const nd = (key: string) => [m(key).numerator, m(key).denominator, m(key).value];

  it('按时办结率 compares the Shanghai completion date with the promise (pauses included)', () => {
    expect(nd('onTimeCompletionRate')).toEqual([2, 4, 0.5]);
    expect(nd('overdueCompleted')).toEqual([2, 4, 2]);
    expect(nd('openOverdue')).toEqual([3, null, 3]);
  });

  it('即办件当日办结率 counts decisions on the Shanghai day of acceptance', () => {
    expect(nd('immediateSameDayRate')).toEqual([1, 4, 0.25]);
  });

  it('time to result: average and nearest-rank p90, in hours and working days', () => {
    expect(nd('timeToResultHoursAverage')).toEqual([239, 4, 59.75]);
    expect(nd('timeToResultHoursP90')).toEqual([4, 4, 102]);
    expect(nd('timeToResultWorkingDaysAverage')).toEqual([7, 4, 1.75]);
    expect(nd('timeToResultWorkingDaysP90')).toEqual([4, 4, 4]);
    expect(percentile([5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 0.9)).toEqual({ rank: 9, value: 9 });
    expect(percentile([], 0.9)).toEqual({ rank: 0, value: null });
  });

  it('满意率, 差评率 and 主动评价率 (system defaults are rated but not active)', () => {
    expect(nd('satisfactionRate')).toEqual([3, 5, 0.6]);
    expect(nd('badReviewRate')).toEqual([2, 5, 0.4]);
    expect(nd('activeRatingRate')).toEqual([3, 5, 0.6]);
    expect(satisfactionByDepartment(facts.ratings)).toEqual([
      { deptCode: D1, ratings: 3, satisfied: 2, value: 0.6667 },
      { deptCode: D2, ratings: 2, satisfied: 1, value: 0.5 },
    ]);
  });

  it('网上申报率; 最多跑一次 and 一次不用跑 by actual visits and by the items’ 跑动次数', () => {
    expect(nd('onlineSubmissionRate')).toEqual([2, 4, 0.5]);
    // visits 0, 1, 2 known (C4 unknown): ≤ 1 → 2 of 3, 0 → 1 of 3; kept (≤ 跑动次数 1): 2 of 3
    expect(nd('atMostOneVisitRate')).toEqual([2, 3, 0.6667]);
    expect(nd('zeroVisitRate')).toEqual([1, 3, 0.3333]);
    expect(nd('visitPromiseKeptRate')).toEqual([2, 3, 0.6667]);
    // items with a known 跑动次数: I1 (largest of its versions: 1), I2 (2) → ≤ 1: 1 of 2; 0: none
    expect(nd('itemAtMostOneVisitRate')).toEqual([1, 2, 0.5]);
    expect(nd('itemZeroVisitRate')).toEqual([0, 2, 0]);
  });

  it('差评整改率, 按时整改率 and 回访率 leave voided work orders out', () => {
    expect(nd('badReviewRectifiedRate')).toEqual([3, 4, 0.75]);
    expect(nd('badReviewRectifiedOnTimeRate')).toEqual([2, 3, 0.6667]);
    expect(nd('revisitRate')).toEqual([1, 4, 0.25]);
  });

  it('承诺时限压缩率 per item where the units compare, averaged over those items', () => {
    const { average, perItem } = promiseCompressionOf(facts.items);
    // I1 v1: 1 − 5/20 = 0.75; I1 v2: 1 − 4/20 = 0.8; I2: 工作日 against 自然日 → null; I3: 1 − 30/120 = 0.75
    expect(perItem.map((i) => i.value)).toEqual([0.75, 0.8, null, 0.75]);
    expect(average).toMatchObject({ numerator: 2.3, denominator: 3, value: 0.7667, available: true });
    expect(compression(3, '1', 0, '1')).toBeNull();
    expect(compression(3, '1', null, null)).toBeNull();
    expect(compression(0, '1', 10, '1')).toBe(1);
  });

  it('an empty period gives no ratio rather than a division by zero, and every number states its formula', () => {
    const empty = computeMetrics(cal, {
      completed: [],
      immediate: [],
      submittedChannels: [],
      ratings: [],
      badReviewOrders: { opened: 0, voided: 0, rectified: 0, rectifiedOnTime: 0, followedUp: 0 },
      openOverdue: 0,
      items: [],
    });
    expect(empty.find((x) => x.key === 'onTimeCompletionRate')).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
    });
    expect(empty.find((x) => x.key === 'timeToResultHoursP90')?.value).toBeNull();
    for (const x of metrics) expect(x.formula.length).toBeGreaterThan(5);
  });

  it('一件事: bundles filed and ended in the period, and the time the completed ones saved', () => {
    const start = at('2028-03-01T00:00:00+08:00');
    const end = at('2028-04-01T00:00:00+08:00');
    const run = (from: string, to: string) => ({ startedAt: from, endedAt: to });
    const n = bundleNumbers(
      [
        // members 48 h + 72 h in parallel, the bundle took 72 h: 48 h saved
        {
          submittedAt: at('2028-03-01T01:00:00Z'),
          state: 'COMPLETED',
          endedAt: at('2028-03-04T01:00:00Z'),
          members: [
            run('2028-03-01T01:00:00Z', '2028-03-03T01:00:00Z'),
            run('2028-03-01T01:00:00Z', '2028-03-04T01:00:00Z'),
          ],
        },
        // one after the other (a dependency): 24 h + 36 h, the bundle took 60 h: nothing saved
        {
          submittedAt: at('2028-03-05T01:00:00Z'),
          state: 'COMPLETED',
          endedAt: at('2028-03-07T13:00:00Z'),
          members: [
            run('2028-03-05T01:00:00Z', '2028-03-06T01:00:00Z'),
            run('2028-03-06T01:00:00Z', '2028-03-07T13:00:00Z'),
          ],
        },
        {
          submittedAt: at('2028-03-10T01:00:00Z'),
          state: 'FAILED',
          endedAt: at('2028-03-12T01:00:00Z'),
          members: [],
        },
        { submittedAt: at('2028-03-30T01:00:00Z'), state: null, endedAt: null, members: null },
        // filed before the period, withdrawn in it
        {
          submittedAt: at('2028-02-20T01:00:00Z'),
          state: 'WITHDRAWN',
          endedAt: at('2028-03-02T01:00:00Z'),
          members: [],
        },
      ],
      start,
      end,
    );
    expect(n).toMatchObject({ submitted: 4, completed: 2, partiallyCompleted: 0, failed: 1, withdrawn: 1 });
    expect([n.timeSaved.numerator, n.timeSaved.denominator, n.timeSaved.value]).toEqual([48, 180, 0.2667]);
  });
});
