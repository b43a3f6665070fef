import { ALL_ROLES, Role } from '@app/shared/auth';
import { TOPICS } from '@app/shared/contracts';
import { roleToken, ServiceUnderTest, startServiceUnderTest, testToken } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config/evaluation.config';
import { api, DEPT, drive, openOrder, outboxOf, tokens, VERIFY } from './support/bad-review.helpers';

const READERS: Role[] = ['clerk', 'approver', 'dept_head', 'admin', 'supervisor'];
const HANDLERS: Role[] = ['clerk', 'approver', 'dept_head'];
const note = (n: number) => 'x'.repeat(n);

/** The work-order endpoints' guards (401, 403, 400) and crash safety, against the real PostgreSQL and Kafka. */
describe('bad-review work orders: guards and crash safety (integration)', () => {
  let t: ServiceUnderTest;
  let order: { id: string; caseNo: string };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, EvaluationConfig, {
      service: 'evaluation',
      topics: [TOPICS.BAD_REVIEW_RECTIFIED, TOPICS.BAD_REVIEW_CLOSED],
    });
    order = await openOrder(t);
  });

  afterAll(() => t.stop());

  const routes = (
    id: string,
  ): Array<[method: 'GET' | 'POST', path: string, roles: Role[], body?: unknown]> => [
    ['GET', '/bad-reviews', READERS],
    ['GET', `/bad-reviews/${id}`, READERS],
    ['POST', `/bad-reviews/${id}/verify`, HANDLERS, { note: '核实' }],
    ['POST', `/bad-reviews/${id}/rectify`, HANDLERS, { mode: 'IMMEDIATE', measures: '整改' }],
    ['POST', `/bad-reviews/${id}/explain`, HANDLERS, { explanation: '解释' }],
    ['POST', `/bad-reviews/${id}/appeal`, HANDLERS, { reason: 'MISTAKEN', text: '误评' }],
    ['POST', `/bad-reviews/${id}/decide-appeal`, ['supervisor'], { decision: 'VOIDED', note: '作废' }],
    [
      'POST',
      `/bad-reviews/${id}/follow-up`,
      HANDLERS,
      { contacted: true, raterSatisfied: true, note: '回访' },
    ],
  ];

  it('answers 401 without a token and 403 to every role it does not name, on every endpoint; writes nothing', async () => {
    for (const [method, path, roles, body] of routes(order.id)) {
      const anon = await api(t, method, path, undefined, body);
      expect([path, anon.status, anon.body.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
      const expired = testToken({ sub: 'clerk-wo', roles: ['clerk'], dept: DEPT }, { expiresInSeconds: -60 });
      expect((await api(t, method, path, expired, body)).status).toBe(401);
      for (const role of ALL_ROLES.filter((r) => !roles.includes(r))) {
        const r = await api(t, method, path, roleToken(role), body);
        expect([path, role, r.status, r.body.code]).toEqual([path, role, 403, 'FORBIDDEN']);
      }
    }
    const row = await t.pg.query('SELECT status FROM bad_review_orders WHERE id = $1', [order.id]);
    expect(row.rows[0]).toEqual({ status: 'ASSIGNED' });
    expect(await outboxOf(t, order.caseNo)).toEqual({ [TOPICS.BAD_REVIEW_OPENED]: 1 });
  });

  it('states each operation’s roles in its OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.svc.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
    };
    for (const [method, path, roles] of routes('{id}')) {
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect([path, [...(op?.['x-roles'] ?? [])].sort()]).toEqual([path, [...roles].sort()]);
    }
  });

  it('refuses invalid input with 400 VALIDATION_FAILED and writes nothing', async () => {
    const id = order.id;
    const invalid: Array<[string, unknown]> = [
      ['verify', {}],
      ['verify', { note: '' }],
      ['verify', { note: '   ' }],
      ['verify', { note: note(1001) }],
      ['verify', { note: 42 }],
      ['verify', { note: '核实\u0000' }],
      ['verify', { note: '核实', extra: true }],
      ['rectify', { mode: 'LATER', measures: '整改' }],
      ['rectify', { mode: 'immediate', measures: '整改' }],
      ['rectify', { measures: '整改' }],
      ['rectify', { mode: 'IMMEDIATE' }],
      ['rectify', { mode: 'SCHEDULED', measures: note(1001) }],
      ['explain', {}],
      ['explain', { explanation: note(1001) }],
      ['appeal', { reason: 'ANGRY', text: '申诉' }],
      ['appeal', { reason: 'MISTAKEN' }],
      ['appeal', { text: '申诉' }],
      ['follow-up', { contacted: 'yes', raterSatisfied: true, note: '回访' }],
      ['follow-up', { contacted: true, note: '回访' }],
      ['follow-up', { contacted: true, raterSatisfied: 'true', note: '回访' }],
      ['follow-up', { contacted: true, raterSatisfied: true }],
    ];
    for (const [command, body] of invalid) {
      const r = await api(t, 'POST', `/bad-reviews/${id}/${command}`, tokens.clerk, body);
      expect([command, body, r.status, r.body.code]).toEqual([command, body, 400, 'VALIDATION_FAILED']);
    }
    for (const body of [{ decision: 'MAYBE', note: '复核' }, { decision: 'VOIDED' }, { note: '复核' }]) {
      const r = await api(t, 'POST', `/bad-reviews/${id}/decide-appeal`, tokens.supervisor, body);
      expect([body, r.status, r.body.code]).toEqual([body, 400, 'VALIDATION_FAILED']);
    }
    for (const path of [
      '/bad-reviews/not-a-uuid',
      '/bad-reviews/123/verify',
      '/bad-reviews?status=BAD_REVIEW_CREATED',
      '/bad-reviews?status=closed',
    ]) {
      const r = await api(
        t,
        path.endsWith('verify') ? 'POST' : 'GET',
        path,
        tokens.clerk,
        path.endsWith('verify') ? { note: '核实' } : undefined,
      );
      expect([path, r.status, r.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
    expect(
      await t.count('SELECT count(*) AS n FROM bad_review_order_history WHERE order_id = $1', [id]),
    ).toBe(1);
    // The bounds themselves are accepted: 1000 characters, several lines, trimmed.
    const ok = await api(t, 'POST', `/bad-reviews/${id}/verify`, tokens.clerk, {
      note: `  ${note(997)}\n核实  `,
    });
    expect(ok.status).toBe(200);
    expect((ok.body.history as Array<{ note: string }>)[1].note).toBe(`${note(997)}\n核实`);
  });

  it('commits the state change and its event together (the outbox row exists iff the state changed)', async () => {
    const { id, caseNo } = await openOrder(t);
    await drive(t, id, [VERIFY]);
    await t.pg.query(
      `CREATE OR REPLACE FUNCTION it_simulated_crash() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$`,
    );
    const state = async () =>
      (await t.pg.query('SELECT status, rectified_at, closed_at FROM bad_review_orders WHERE id = $1', [id]))
        .rows[0] as { status: string; rectified_at: Date | null; closed_at: Date | null };
    const rectify = { mode: 'IMMEDIATE', measures: '立行立改' };

    // 1. The event cannot be written: the state change rolls back with it.
    await t.pg.query(
      `CREATE TRIGGER it_fail_outbox BEFORE INSERT ON outbox FOR EACH ROW
       WHEN (NEW.message_key = '${caseNo}') EXECUTE FUNCTION it_simulated_crash()`,
    );
    try {
      const r = await api(t, 'POST', `/bad-reviews/${id}/rectify`, tokens.clerk, rectify);
      expect([r.status, r.body.code]).toEqual([500, 'INTERNAL_ERROR']);
    } finally {
      await t.pg.query('DROP TRIGGER it_fail_outbox ON outbox');
    }
    expect(await state()).toMatchObject({ status: 'VERIFIED', rectified_at: null });
    expect(
      await t.count(
        `SELECT count(*) AS n FROM bad_review_order_history WHERE order_id = $1 AND action = 'RECTIFY'`,
        [id],
      ),
    ).toBe(0);
    expect(await outboxOf(t, caseNo)).toEqual({ [TOPICS.BAD_REVIEW_OPENED]: 1 });
    await drive(t, id, [['rectify', tokens.clerk, rectify]]);
    expect(await outboxOf(t, caseNo)).toEqual({
      [TOPICS.BAD_REVIEW_OPENED]: 1,
      [TOPICS.BAD_REVIEW_RECTIFIED]: 1,
    });

    // 2. The history row cannot be written: no state change and no event.
    await t.pg.query(
      `CREATE TRIGGER it_fail_history BEFORE INSERT ON bad_review_order_history FOR EACH ROW
       WHEN (NEW.order_id = '${id}') EXECUTE FUNCTION it_simulated_crash()`,
    );
    try {
      const r = await api(t, 'POST', `/bad-reviews/${id}/follow-up`, tokens.clerk, {
        contacted: true,
        raterSatisfied: true,
        note: '回访满意',
      });
      expect(r.status).toBe(500);
    } finally {
      await t.pg.query('DROP TRIGGER it_fail_history ON bad_review_order_history');
    }
    expect(await state()).toMatchObject({ status: 'RECTIFIED', closed_at: null });
    expect((await outboxOf(t, caseNo))[TOPICS.BAD_REVIEW_CLOSED]).toBeUndefined();
    await drive(t, id, [
      ['follow-up', tokens.clerk, { contacted: true, raterSatisfied: true, note: '回访满意' }],
    ]);
    await t.collector.waitForMessage(TOPICS.BAD_REVIEW_CLOSED, (m) => m.key === caseNo);
    expect(t.collector.find(TOPICS.BAD_REVIEW_RECTIFIED, (m) => m.key === caseNo)).toHaveLength(1);
    expect(t.collector.find(TOPICS.BAD_REVIEW_CLOSED, (m) => m.key === caseNo)).toHaveLength(1);

    // Across every order of this database: rectified/closed timestamps ⇔ their outbox rows.
    const mismatched = await t.count(
      `SELECT count(*) AS n FROM bad_review_orders o WHERE
         (o.rectified_at IS NOT NULL) <> EXISTS (SELECT 1 FROM outbox x
           WHERE x.topic = $1 AND x.payload->>'workOrderId' = o.id::text)
         OR (o.closed_at IS NOT NULL) <> EXISTS (SELECT 1 FROM outbox x
           WHERE x.topic = $2 AND x.payload->>'workOrderId' = o.id::text)`,
      [TOPICS.BAD_REVIEW_RECTIFIED, TOPICS.BAD_REVIEW_CLOSED],
    );
    expect(mismatched).toBe(0);
  });
});
