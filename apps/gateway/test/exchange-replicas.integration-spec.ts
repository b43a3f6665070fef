import { TOPICS } from '@app/shared/contracts';
import { BootedApp, uniqueCaseNo, waitFor } from '@app/shared/testing';
import { caseLife } from './exchange-fixtures';
import { ExchangeUnderTest, startExchangeUnderTest } from './exchange-under-test';

const CASES = 8;
const KEEP = new Set<string>([
  TOPICS.APPLICATION_ACCEPTED,
  TOPICS.APPROVAL_STEP_COMPLETED,
  TOPICS.CASE_COMPLETED,
  TOPICS.REVIEW_SUBMITTED,
]);
/** accepted → up_pro_accept + 受理; four steps → 4 process rows; completed → result + projectService; review. */
const PER_CASE = [
  'up_pro_accept',
  'up_pro_process',
  'up_pro_process',
  'up_pro_process',
  'up_pro_process',
  'up_pro_process',
  'up_pro_result',
  'projectService',
  'evaluate',
];

/**
 * Two gateway replicas on one database and one consumer group, both dispatching every 50 ms with three
 * workers each: every record reaches the province exactly once, and each case in order.
 */
describe('provincial exchange: two replicas (integration)', () => {
  let x: ExchangeUnderTest;
  let second: BootedApp;

  beforeAll(async () => {
    x = await startExchangeUnderTest();
    second = await x.replica();
  });

  afterAll(async () => {
    await second?.close();
    await x?.stop();
  });

  it('delivers each record once, in order per case', async () => {
    const cases = Array.from({ length: CASES }, () => uniqueCaseNo());
    for (const c of cases) await x.produce(caseLife(c).events.filter((e) => KEEP.has(e.topic)));
    await waitFor(
      async () =>
        (await x.t.count(
          `SELECT count(*) AS n FROM exchange_records WHERE case_no = ANY($1) AND state = 'DELIVERED'`,
          [cases],
        )) ===
          CASES * PER_CASE.length || undefined,
      { timeoutMs: 90_000, description: 'every record delivered' },
    );
    expect(x.province.problems).toEqual([]);
    for (const c of cases) {
      const got = x.province.received.filter((r) => (r.record.project_no ?? r.record.projectNo) === c);
      expect(got.map((r) => r.kind)).toEqual(PER_CASE);
      expect(got.every((r) => r.status === 200 && r.verified)).toBe(true);
    }
    expect(
      await x.t.count(
        `SELECT count(*) AS n FROM exchange_records WHERE case_no = ANY($1) AND attempts <> 1`,
        [cases],
      ),
    ).toBe(0);
  });
});
