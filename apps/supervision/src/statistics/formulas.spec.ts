import { testWorkCalendar } from '@app/shared/testing';
import {
  bundleNumbers,
  computeMetrics,
  Metric,
  percentile,
  satisfactionByDepartment,
  StatisticsFacts,
} from './formulas';

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
        acceptedAt: at('2027-01-04T02:00:00Z'),
        completedAt: at('2027-01-05T02:00:00Z'),
        doneResult: '0',
        promiseDue: '2027-01-06',
      },
      // late: done 01-08, promise 01-06; 102 h; 4 working days
      {
        caseNo: 'C2',
        acceptedAt: at('2027-01-04T02:00:00Z'),
        completedAt: at('2027-01-08T08:00:00Z'),
        doneResult: '1',
        promiseDue: '2027-01-06',
      },
      // on time on the due day, across the holiday: 96 h; (12-31, 01-04] = 1 working day
      {
        caseNo: 'C3',
        acceptedAt: at('2026-12-31T01:00:00Z'),
        completedAt: at('2027-01-04T01:00:00Z'),
        doneResult: '0',
        promiseDue: '2027-01-04',
      },
      // late by the Shanghai date: 17:00Z on 01-04 is 01:00 on 01-05 in Shanghai; 17 h; 1 working day
      {
        caseNo: 'C4',
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
    badReviewOrders: 2,
    openOverdue: 3,
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

  it('网上申报率 and the numbers no event can give (unavailable, with the denominator that is known)', () => {
    expect(nd('onlineSubmissionRate')).toEqual([2, 4, 0.5]);
    for (const key of ['atMostOneVisitRate', 'zeroVisitRate']) {
      expect(m(key)).toMatchObject({ available: false, numerator: null, denominator: 4, value: null });
      expect(m(key).note).toContain('跑动次数');
    }
    for (const key of ['badReviewRectifiedRate', 'revisitRate']) {
      expect(m(key)).toMatchObject({ available: false, numerator: null, denominator: 2, value: null });
    }
  });

  it('an empty period gives no ratio rather than a division by zero, and every number states its formula', () => {
    const empty = computeMetrics(cal, {
      completed: [],
      immediate: [],
      submittedChannels: [],
      ratings: [],
      badReviewOrders: 0,
      openOverdue: 0,
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
