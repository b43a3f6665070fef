import { randomUUID } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import { ServiceUnderTest, startServiceUnderTest, uniqueCaseNo, waitFor } from '@app/shared/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import {
  CaseRowRaceError,
  SupervisedCaseRepository,
} from '../src/projection/repositories/supervised-case.repository';
import { SupervisionConfig } from '../src/config/supervision.config';
import {
  accepted,
  approvalOpened,
  badReview,
  badReviewClosed,
  badReviewRectified,
  completed,
  ref,
  stepCompleted,
} from '../src/testing/events.fixtures';

const DEPT = '113301000024901620';

/**
 * The clocks and facts published since the first projection, against the real PostgreSQL and Kafka: each
 * approval step's limit (approval.case.opened / step-completed), what became of a 差评 work order (rectified,
 * followed up, voided — in any arrival order, delivered twice), a case's visits and its item's 法定时限.
 */
describe('supervision: step clocks, 差评整改 outcomes, visits (integration)', () => {
  let t: ServiceUnderTest;

  const processed = (ids: string[]) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = ANY($1::uuid[])', [
          ids,
        ])) === ids.length || undefined,
      { description: `${ids.length} events processed` },
    );
  const send = async (topic: string, key: string, payload: unknown, id?: string) => {
    const eventId = await t.producer.send(topic, key, payload, id ? { id } : {});
    await processed([eventId]);
    return eventId;
  };
  const clocks = async (caseNo: string, kind: string) =>
    (
      await t.pg.query<{ ref: string; due: string; closed: boolean; reason: string | null }>(
        `SELECT ref, to_char(due_date, 'YYYY-MM-DD') AS due, closed_at IS NOT NULL AS closed, close_reason AS reason
         FROM sup_clocks WHERE case_no = $1 AND kind = $2 ORDER BY ref`,
        [caseNo, kind],
      )
    ).rows;

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, SupervisionConfig, {
      service: 'supervision',
      topics: [],
      env: { SUPERVISION_SWEEPER_ENABLED: 'false' },
    });
  });

  afterAll(() => t.stop());

  it('two first events of one case at once: the one that did not see the other is retried, not half-applied', async () => {
    const caseNo = uniqueCaseNo();
    const ds = t.svc.app.get(DataSource);
    const cases = t.svc.app.get(SupervisedCaseRepository);
    const first = ds.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      // The first event's transaction has created the row and not committed yet.
      expect(await cases.apply(first.manager, ref(caseNo, DEPT))).toBeNull();
      // The second began before the row existed: its insert waits for the first, then finds the row.
      const second = ds.transaction((em) => cases.apply(em, ref(caseNo, DEPT)));
      await new Promise((r) => setTimeout(r, 300));
      await first.commitTransaction();
      await expect(second).rejects.toBeInstanceOf(CaseRowRaceError);
      // Its retry sees (and locks) the row the first one committed.
      expect(await ds.transaction((em) => cases.apply(em, ref(caseNo, DEPT)))).toMatchObject({ caseNo });
    } finally {
      await first.release();
    }
  });

  it('opens a clock for each approval step as it starts and stops it when the step is decided', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    const approvalId = randomUUID();
    await send(
      TOPICS.APPROVAL_CASE_OPENED,
      caseNo,
      approvalOpened(
        r,
        approvalId,
        '2027-03-01T02:00:00.000Z',
        '2027-03-12',
        ['承办', '审核', '批准'],
        '2027-03-03',
      ),
    );
    expect(await clocks(caseNo, 'APPROVAL_STEP')).toEqual([
      { ref: '1', due: '2027-03-03', closed: false, reason: null },
    ]);
    const next = { stepNo: 2, stepName: '审核', dueDate: '2027-03-05' };
    const id = await send(
      TOPICS.APPROVAL_STEP_COMPLETED,
      caseNo,
      stepCompleted(r, approvalId, 1, '2027-03-02T02:00:00.000Z', next),
    );
    // delivered twice: one clock per step, nothing moves
    await send(
      TOPICS.APPROVAL_STEP_COMPLETED,
      caseNo,
      stepCompleted(r, approvalId, 1, '2027-03-02T02:00:00.000Z', next),
      id,
    );
    expect(await clocks(caseNo, 'APPROVAL_STEP')).toEqual([
      { ref: '1', due: '2027-03-03', closed: true, reason: 'STEP_COMPLETED' },
      { ref: '2', due: '2027-03-05', closed: false, reason: null },
    ]);
    const label = await t.pg.query<{ label: string }>(
      `SELECT label FROM sup_clocks WHERE case_no = $1 AND kind = 'APPROVAL_STEP' AND ref = '2'`,
      [caseNo],
    );
    expect(label.rows[0].label).toContain('审核');
    // the deciding step carries no next step: no third clock
    await send(
      TOPICS.APPROVAL_STEP_COMPLETED,
      caseNo,
      stepCompleted(r, approvalId, 2, '2027-03-04T02:00:00.000Z'),
    );
    expect((await clocks(caseNo, 'APPROVAL_STEP')).map((k) => [k.ref, k.closed])).toEqual([
      ['1', true],
      ['2', true],
    ]);
  });

  it('records a work order rectified and followed up, its clock stopped, whatever the arrival order', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    const order = badReview(r, randomUUID(), 2, '2027-03-01T02:00:00.000Z', '2027-03-22');
    // rectified and closed arrive BEFORE the opened event (three topics)
    const rid = await send(
      TOPICS.BAD_REVIEW_RECTIFIED,
      caseNo,
      badReviewRectified(order, '2027-03-05T02:00:00.000Z'),
    );
    await send(
      TOPICS.BAD_REVIEW_RECTIFIED,
      caseNo,
      badReviewRectified(order, '2027-03-05T02:00:00.000Z'),
      rid,
    );
    await send(TOPICS.BAD_REVIEW_CLOSED, caseNo, badReviewClosed(order, '2027-03-06T02:00:00.000Z'));
    await send(TOPICS.BAD_REVIEW_OPENED, caseNo, order);
    const row = await t.pg.query(
      `SELECT satisfaction, to_char(rectify_due_date, 'YYYY-MM-DD') AS due, outcome, rectification_mode AS mode,
              closure, rater_satisfied, opened_at IS NOT NULL AS opened
       FROM sup_bad_reviews WHERE work_order_id = $1`,
      [order.workOrderId],
    );
    expect(row.rows).toEqual([
      {
        satisfaction: 2,
        due: '2027-03-22',
        outcome: 'RECTIFIED',
        mode: 'IMMEDIATE',
        closure: 'FOLLOWED_UP',
        rater_satisfied: true,
        opened: true,
      },
    ]);
    expect(await clocks(caseNo, 'RECTIFICATION')).toEqual([
      { ref: order.workOrderId, due: '2027-03-22', closed: true, reason: 'RECTIFIED' },
    ]);
  });

  it('stops the 整改 clock of a work order voided on appeal (in order this time)', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    const order = badReview(r, randomUUID(), 1, '2027-03-01T02:00:00.000Z', '2027-03-22');
    await send(TOPICS.BAD_REVIEW_OPENED, caseNo, order);
    expect((await clocks(caseNo, 'RECTIFICATION'))[0]).toMatchObject({ closed: false });
    await send(
      TOPICS.BAD_REVIEW_CLOSED,
      caseNo,
      badReviewClosed(order, '2027-03-03T02:00:00.000Z', 'VOIDED'),
    );
    expect((await clocks(caseNo, 'RECTIFICATION'))[0]).toMatchObject({ closed: true, reason: 'VOIDED' });
    const row = await t.pg.query<{
      closure: string;
      outcome: string | null;
      rater_satisfied: boolean | null;
    }>('SELECT closure, outcome, rater_satisfied FROM sup_bad_reviews WHERE work_order_id = $1', [
      order.workOrderId,
    ]);
    expect(row.rows[0]).toEqual({ closure: 'VOIDED', outcome: null, rater_satisfied: null });
  });

  it('keeps the item’s 法定时限 and 跑动次数 from 受理 and the visits made from 办结', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    await send(
      TOPICS.APPLICATION_ACCEPTED,
      caseNo,
      accepted(r, '2027-03-01T02:00:00.000Z', '2027-03-08', { legalLimit: 20, visitLimit: 1 }),
    );
    await send(
      TOPICS.CASE_COMPLETED,
      caseNo,
      completed(r, '2027-03-05T02:00:00.000Z', '0', '2', { visits: 2 }),
    );
    const row = await t.pg.query(
      'SELECT legal_limit, legal_unit, visit_limit, visits FROM sup_cases WHERE case_no = $1',
      [caseNo],
    );
    expect(row.rows[0]).toEqual({ legal_limit: 20, legal_unit: '1', visit_limit: 1, visits: 2 });
  });
});
