import { TOPICS } from '@app/shared/contracts';
import { ServiceUnderTest, startServiceUnderTest } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config/evaluation.config';
import { api, DEPT, drive, openOrder, outboxOf, tokens, VERIFY } from './support/bad-review.helpers';

const RECTIFIED = TOPICS.BAD_REVIEW_RECTIFIED;
const CLOSED = TOPICS.BAD_REVIEW_CLOSED;

/** The 差评整改 work-order lifecycle against the real PostgreSQL and Kafka. */
describe('bad-review work orders (integration)', () => {
  let t: ServiceUnderTest;
  const eventsOf = (topic: string, id: string) =>
    t.collector.find(topic, (m) => (m.value as { workOrderId?: string }).workOrderId === id);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, EvaluationConfig, {
      service: 'evaluation',
      topics: [TOPICS.BAD_REVIEW_OPENED, RECTIFIED, CLOSED],
    });
  });

  afterAll(() => t.stop());

  it('opens ASSIGNED (转办 automatic, first history row) and lists by status', async () => {
    const { id, caseNo } = await openOrder(t);
    const got = await api(t, 'GET', `/bad-reviews/${id}`, tokens.deptHead);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ workOrderId: id, caseNo, deptCode: DEPT, status: 'ASSIGNED' });
    expect(got.body.history).toEqual([
      expect.objectContaining({
        action: 'ASSIGN',
        fromStatus: null,
        toStatus: 'ASSIGNED',
        actorSub: 'system',
      }),
    ]);
    const assigned = await api(t, 'GET', '/bad-reviews?status=ASSIGNED&pageSize=100', tokens.clerk);
    expect((assigned.body.items as Array<{ workOrderId: string }>).map((o) => o.workOrderId)).toContain(id);
    const closed = await api(t, 'GET', '/bad-reviews?status=CLOSED&pageSize=100', tokens.supervisor);
    expect((closed.body.items as Array<{ workOrderId: string }>).map((o) => o.workOrderId)).not.toContain(id);
  });

  it('verify → rectify → follow-up: CLOSED, full history, exactly one rectified and one closed event', async () => {
    const { id, caseNo } = await openOrder(t);
    await drive(t, id, [
      VERIFY,
      ['rectify', tokens.approver, { mode: 'IMMEDIATE', measures: '已对窗口人员批评教育' }],
    ]);
    const done = await drive(t, id, [
      ['follow-up', tokens.deptHead, { contacted: true, raterSatisfied: true, note: '评价人表示满意' }],
    ]);
    expect(done.body).toMatchObject({
      status: 'CLOSED',
      outcome: 'RECTIFIED',
      rectifyMode: 'IMMEDIATE',
      raterSatisfied: true,
      closure: 'FOLLOWED_UP',
      excludedFromStatistics: false,
    });
    const got = await api(t, 'GET', `/bad-reviews/${id}`, tokens.clerk);
    expect(got.body.history).toEqual([
      expect.objectContaining({ action: 'ASSIGN', toStatus: 'ASSIGNED' }),
      expect.objectContaining({
        action: 'VERIFY',
        fromStatus: 'ASSIGNED',
        toStatus: 'VERIFIED',
        actorSub: 'clerk-wo',
        actorName: '窗口 张三',
        note: '已电话回访评价人, 情况属实',
      }),
      expect.objectContaining({ action: 'RECTIFY', toStatus: 'RECTIFIED', details: { mode: 'IMMEDIATE' } }),
      expect.objectContaining({
        action: 'FOLLOW_UP',
        fromStatus: 'RECTIFIED',
        toStatus: 'CLOSED',
        actorSub: 'head-wo',
        details: { contacted: true, raterSatisfied: true },
      }),
    ]);
    const closed = await t.collector.waitForMessage(CLOSED, (m) => m.key === caseNo);
    // Same partition key, written first: the rectified event is already there.
    const rectified = eventsOf(RECTIFIED, id);
    expect(rectified).toHaveLength(1);
    expect(rectified[0].key).toBe(caseNo);
    expect(rectified[0].headers).toMatchObject({
      ce_type: 'evaluation.bad-review.rectified',
      ce_subject: caseNo,
    });
    expect(rectified[0].value).toEqual({
      workOrderId: id,
      reviewId: got.body.reviewId,
      caseNo,
      deptCode: DEPT,
      outcome: 'RECTIFIED',
      mode: 'IMMEDIATE',
      rectifyDueDate: got.body.rectifyDueDate,
      rectifiedAt: got.body.rectifiedAt,
      handledBy: '审批 王五',
    });
    expect(closed.value).toEqual({
      workOrderId: id,
      reviewId: got.body.reviewId,
      caseNo,
      deptCode: DEPT,
      closure: 'FOLLOWED_UP',
      raterSatisfied: true,
      closedAt: got.body.closedAt,
      closedBy: '科长 赵六',
    });
    expect(await outboxOf(t, caseNo)).toEqual({ [TOPICS.BAD_REVIEW_OPENED]: 1, [RECTIFIED]: 1, [CLOSED]: 1 });
    expect(eventsOf(CLOSED, id)).toHaveLength(1);
  });

  it('explain path: EXPLAINED publishes rectified/EXPLAINED (mode null); an unreached rater closes nothing', async () => {
    const { id, caseNo } = await openOrder(t);
    await drive(t, id, [
      VERIFY,
      ['explain', tokens.clerk, { explanation: '该诉求缺乏法定依据, 已向评价人解释' }],
    ]);
    const rectified = await t.collector.waitForMessage(RECTIFIED, (m) => m.key === caseNo);
    expect(rectified.value).toMatchObject({ workOrderId: id, outcome: 'EXPLAINED', mode: null });
    const unreached = await api(t, 'POST', `/bad-reviews/${id}/follow-up`, tokens.clerk, {
      contacted: false,
      raterSatisfied: false,
      note: '电话无人接听',
    });
    expect([unreached.status, unreached.body.code]).toEqual([422, 'RATER_NOT_CONTACTED']);
    expect((await api(t, 'GET', `/bad-reviews/${id}`, tokens.clerk)).body.status).toBe('EXPLAINED');
    const done = await drive(t, id, [
      ['follow-up', tokens.clerk, { contacted: true, raterSatisfied: false, note: '评价人仍不满意' }],
    ]);
    expect(done.body).toMatchObject({ status: 'CLOSED', outcome: 'EXPLAINED', raterSatisfied: false });
    const closed = await t.collector.waitForMessage(CLOSED, (m) => m.key === caseNo);
    expect(closed.value).toMatchObject({ closure: 'FOLLOWED_UP', raterSatisfied: false });
  });

  it('appeal → VOIDED: closed/VOIDED event, out of the statistics, final', async () => {
    const { id, caseNo } = await openOrder(t);
    await drive(t, id, [
      VERIFY,
      ['appeal', tokens.deptHead, { reason: 'MALICIOUS', text: '评价人多次恶意差评' }],
    ]);
    const appealed = await api(t, 'GET', '/bad-reviews?status=APPEALED&pageSize=100', tokens.supervisor);
    expect((appealed.body.items as Array<{ workOrderId: string }>).map((o) => o.workOrderId)).toContain(id);
    const voided = await drive(t, id, [
      ['decide-appeal', tokens.supervisor, { decision: 'VOIDED', note: '经核查属恶意差评' }],
    ]);
    expect(voided.body).toMatchObject({
      status: 'VOIDED',
      appealReason: 'MALICIOUS',
      appealDecision: 'VOIDED',
      closure: 'VOIDED',
      excludedFromStatistics: true,
    });
    const closed = await t.collector.waitForMessage(CLOSED, (m) => m.key === caseNo);
    expect(closed.value).toEqual({
      workOrderId: id,
      reviewId: voided.body.reviewId,
      caseNo,
      deptCode: DEPT,
      closure: 'VOIDED',
      raterSatisfied: null,
      closedAt: voided.body.closedAt,
      closedBy: '监察 李四',
    });
    expect(await outboxOf(t, caseNo)).toEqual({ [TOPICS.BAD_REVIEW_OPENED]: 1, [CLOSED]: 1 });
    for (const [command, token, body] of [
      ['follow-up', tokens.clerk, { contacted: true, raterSatisfied: true, note: 'x' }],
      ['decide-appeal', tokens.supervisor, { decision: 'UPHELD', note: 'x' }],
    ] as const) {
      const r = await api(t, 'POST', `/bad-reviews/${id}/${command}`, token, body);
      expect([r.status, r.body.code]).toEqual([409, 'WORK_ORDER_STATE']);
    }
  });

  it('appeal → UPHELD: back to VERIFIED, no event, no second appeal, then rectified as usual', async () => {
    const { id, caseNo } = await openOrder(t);
    await drive(t, id, [
      VERIFY,
      ['appeal', tokens.clerk, { reason: 'MISTAKEN', text: '评价人误评了其他窗口' }],
    ]);
    const upheld = await drive(t, id, [
      ['decide-appeal', tokens.supervisor, { decision: 'UPHELD', note: '差评属实, 维持' }],
    ]);
    expect(upheld.body).toMatchObject({ status: 'VERIFIED', appealDecision: 'UPHELD', closure: null });
    expect((upheld.body.history as Array<{ action: string }>).map((h) => h.action)).toEqual([
      'ASSIGN',
      'VERIFY',
      'APPEAL',
      'UPHOLD',
    ]);
    expect(await outboxOf(t, caseNo)).toEqual({ [TOPICS.BAD_REVIEW_OPENED]: 1 });
    const again = await api(t, 'POST', `/bad-reviews/${id}/appeal`, tokens.clerk, {
      reason: 'MISTAKEN',
      text: '再次申诉',
    });
    expect([again.status, again.body.code]).toEqual([409, 'APPEAL_ALREADY_DECIDED']);
    const rectified = await drive(t, id, [
      ['rectify', tokens.clerk, { mode: 'SCHEDULED', measures: '纳入整改台账' }],
    ]);
    expect(rectified.body).toMatchObject({ status: 'RECTIFIED', rectifyMode: 'SCHEDULED' });
  });

  it('refuses a transition the state does not allow with 409 WORK_ORDER_STATE and writes nothing', async () => {
    const { id, caseNo } = await openOrder(t);
    const snapshot = async () => ({
      order: (await t.pg.query('SELECT * FROM bad_review_orders WHERE id = $1', [id])).rows[0] as unknown,
      history: await t.count('SELECT count(*) AS n FROM bad_review_order_history WHERE order_id = $1', [id]),
      outbox: await outboxOf(t, caseNo),
    });
    const before = await snapshot();
    const refused: Array<[string, string, unknown]> = [
      ['rectify', tokens.clerk, { mode: 'IMMEDIATE', measures: '立即整改' }],
      ['explain', tokens.clerk, { explanation: '解释' }],
      ['appeal', tokens.clerk, { reason: 'MISTAKEN', text: '误评' }],
      ['follow-up', tokens.clerk, { contacted: true, raterSatisfied: true, note: '回访' }],
      ['decide-appeal', tokens.supervisor, { decision: 'VOIDED', note: '作废' }],
    ];
    for (const [command, token, body] of refused) {
      const r = await api(t, 'POST', `/bad-reviews/${id}/${command}`, token, body);
      expect([command, r.status, r.body.code]).toEqual([command, 409, 'WORK_ORDER_STATE']);
      expect(r.body.details).toMatchObject({ status: 'ASSIGNED' });
      expect(r.body.message).toMatch(/工单当前状态不允许此操作 \/ /);
    }
    await drive(t, id, [VERIFY]);
    const twice = await api(t, 'POST', `/bad-reviews/${id}/verify`, tokens.clerk, { note: '再次核实' });
    expect([twice.status, twice.body.code]).toEqual([409, 'WORK_ORDER_STATE']);
    const after = await snapshot();
    expect(after.history).toBe(before.history + 1);
    expect(after.outbox).toEqual(before.outbox);
  });

  it('answers 404 WORK_ORDER_NOT_FOUND for an order of another department, like an unknown one', async () => {
    const { id } = await openOrder(t);
    const unknown = '00000000-0000-4000-8000-00000000dead';
    for (const target of [id, unknown]) {
      for (const token of [tokens.foreignClerk, tokens.foreignHead]) {
        const got = await api(t, 'GET', `/bad-reviews/${target}`, token);
        expect([got.status, got.body.code]).toEqual([404, 'WORK_ORDER_NOT_FOUND']);
        const r = await api(t, 'POST', `/bad-reviews/${target}/verify`, token, { note: '核实' });
        expect([r.status, r.body.code]).toEqual([404, 'WORK_ORDER_NOT_FOUND']);
      }
    }
    const d = await api(t, 'POST', `/bad-reviews/${unknown}/decide-appeal`, tokens.supervisor, {
      decision: 'UPHELD',
      note: '维持',
    });
    expect([d.status, d.body.code]).toEqual([404, 'WORK_ORDER_NOT_FOUND']);
    const list = await api(t, 'GET', '/bad-reviews?pageSize=100', tokens.foreignClerk);
    expect((list.body.items as Array<{ workOrderId: string }>).map((o) => o.workOrderId)).not.toContain(id);
    expect(
      await t.count('SELECT count(*) AS n FROM bad_review_order_history WHERE order_id = $1', [id]),
    ).toBe(1);
  });

  it('serialises concurrent commands on one order: one follow-up wins, one closed event', async () => {
    const { id, caseNo } = await openOrder(t);
    await drive(t, id, [VERIFY, ['rectify', tokens.clerk, { mode: 'IMMEDIATE', measures: '整改' }]]);
    const body = { contacted: true, raterSatisfied: true, note: '回访满意' };
    const replies = await Promise.all(
      [tokens.clerk, tokens.deptHead, tokens.approver].map((tok) =>
        api(t, 'POST', `/bad-reviews/${id}/follow-up`, tok, body),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await outboxOf(t, caseNo))[CLOSED]).toBe(1);
    expect(
      await t.count(
        `SELECT count(*) AS n FROM bad_review_order_history WHERE order_id = $1 AND action = 'FOLLOW_UP'`,
        [id],
      ),
    ).toBe(1);
  });
});
