import { Client } from 'pg';
import { TOPICS, dlqOf } from '@app/shared/contracts';
import {
  testEnv,
  testToken,
  testWorkCalendar,
  uniqueCaseNo,
  waitFor,
  ServiceUnderTest,
  startServiceUnderTest,
  checkRoutes,
  routeTable,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config/evaluation.config';

const DEPT = '113301000024901620';

/** Evaluation (好差评) service against the real PostgreSQL and Kafka. */
describe('evaluation service (integration)', () => {
  let t: ServiceUnderTest;
  const owner = testToken({ sub: 'citizen-eval', roles: ['applicant'] });

  const completed = (caseNo: string, completedAt = new Date()) => ({
    caseNo,
    itemCode: `${DEPT}000111203000001`,
    itemName: '食品经营许可',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    doneResult: '0',
    completedAt: completedAt.toISOString(),
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'c'.repeat(64),
    },
    applicantSub: 'citizen-eval',
    projectType: '2',
    licenceId: null,
  });
  const rate = (body: unknown, token = owner) =>
    fetch(`${t.svc.url}/reviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const ratable = async (caseNo: string) =>
    waitFor(
      async () =>
        (await t.pg.query('SELECT 1 FROM ratable_cases WHERE case_no = $1', [caseNo])).rowCount === 1 ||
        undefined,
      { description: 'ratable case' },
    );

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, EvaluationConfig, {
      service: 'evaluation',
      topics: [TOPICS.REVIEW_SUBMITTED, TOPICS.BAD_REVIEW_OPENED, dlqOf(TOPICS.CASE_COMPLETED)],
    });
  });

  afterAll(() => t.stop());

  it('guards every route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app);
    expect(routes.filter((r) => !r.path.startsWith('/health')).length).toBeGreaterThan(0);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  it('records a completed case once, even when the event is delivered twice', async () => {
    const caseNo = uniqueCaseNo();
    const id = await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
    await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo), { id });
    await ratable(caseNo);
    await waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [id])) === 1 ||
        undefined,
    );
    expect(await t.count('SELECT count(*) AS n FROM ratable_cases WHERE case_no = $1', [caseNo])).toBe(1);
  });

  it('rates a completed case once; a bad grade needs a comment and opens a work order 15 working days out', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
    await ratable(caseNo);
    const noComment = await rate({ caseNo, satisfaction: 1, pf: '2' });
    expect(noComment.status).toBe(422);
    expect(await noComment.json()).toMatchObject({ code: 'COMMENT_REQUIRED' });
    expect(await t.count('SELECT count(*) AS n FROM reviews WHERE case_no = $1', [caseNo])).toBe(0);

    const r = await rate({
      caseNo,
      satisfaction: 1,
      pf: '2',
      comment: '窗口人员态度差',
      evalDetail: ['510'],
    });
    expect(r.status).toBe(201);
    const body = (await r.json()) as { workOrder: { rectifyDueDate: string; status: string } };
    expect(body.workOrder).toMatchObject({
      status: 'ASSIGNED',
      rectifyDueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const submitted = await t.collector.waitForMessage(TOPICS.REVIEW_SUBMITTED, (m) => m.key === caseNo);
    expect(submitted.headers).toMatchObject({ ce_type: 'evaluation.review.submitted', ce_subject: caseNo });
    expect(submitted.value).toMatchObject({ satisfaction: 1, pf: '2', assessNumber: 1 });
    const bad = await t.collector.waitForMessage(TOPICS.BAD_REVIEW_OPENED, (m) => m.key === caseNo);
    expect(bad.value).toMatchObject({ satisfaction: 1, rectifyDueDate: body.workOrder.rectifyDueDate });
    // 整改 deadline: 15 working days after the Asia/Shanghai date the order was opened.
    const cal = testWorkCalendar();
    const openedOn = cal.toShanghaiDate(new Date((bad.value as { openedAt: string }).openedAt));
    expect(body.workOrder.rectifyDueDate).toBe(cal.addWorkingDays(openedOn, 15));

    const again = await rate({ caseNo, satisfaction: 5, pf: '1' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'ALREADY_RATED' });
    const staff = testToken({ sub: 's', roles: ['clerk'], dept: DEPT });
    const orders = (await (
      await fetch(`${t.svc.url}/bad-reviews`, { headers: { authorization: `Bearer ${staff}` } })
    ).json()) as { items: Array<{ caseNo: string }> };
    expect(orders.items.map((o) => o.caseNo)).toContain(caseNo);
    const foreign = testToken({ sub: 's2', roles: ['clerk'], dept: '11330100002491026R' });
    const none = (await (
      await fetch(`${t.svc.url}/bad-reviews`, { headers: { authorization: `Bearer ${foreign}` } })
    ).json()) as { items: unknown[] };
    expect(none.items).toHaveLength(0);
  });

  it('refuses other applicants, staff, unknown cases, closed windows and bad input', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
    const old = uniqueCaseNo();
    await t.producer.send(TOPICS.CASE_COMPLETED, old, completed(old, new Date(Date.now() - 30 * 86_400_000)));
    await ratable(caseNo);
    await ratable(old);
    expect(
      (
        await rate(
          { caseNo, satisfaction: 5, pf: '1' },
          testToken({ sub: 'someone-else', roles: ['applicant'] }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await rate(
          { caseNo, satisfaction: 5, pf: '1' },
          testToken({ sub: 'clerk', roles: ['clerk'], dept: DEPT }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${t.svc.url}/reviews`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
    const unknown = await rate({ caseNo: uniqueCaseNo(), satisfaction: 5, pf: '1' });
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([
      409,
      'CASE_NOT_RATABLE',
    ]);
    const late = await rate({ caseNo: old, satisfaction: 5, pf: '1' });
    expect([late.status, ((await late.json()) as { code: string }).code]).toEqual([409, 'CASE_NOT_RATABLE']);
    for (const body of [
      { caseNo, satisfaction: 6, pf: '1' },
      { caseNo, satisfaction: 5, pf: '7' },
      { caseNo, satisfaction: '5', pf: '1' },
      { caseNo, satisfaction: 5, pf: '1', hack: true },
    ]) {
      const r = await rate(body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await t.count('SELECT count(*) AS n FROM reviews WHERE case_no IN ($1, $2)', [caseNo, old])).toBe(
      0,
    );
  });

  it('refuses comments that are not clean text and malformed case numbers with 400; no review row', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
    await ratable(caseNo);
    // Raw JSON text: the six characters \ud800 decode to a lone UTF-16 surrogate PostgreSQL cannot store.
    const raw = `{"caseNo":"${caseNo}","satisfaction":1,"pf":"2","comment":"态度差\\ud800"}`;
    expect(raw).toContain('\\ud800');
    const lone = await fetch(`${t.svc.url}/reviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(lone.status).toBe(400);
    expect(await lone.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    for (const body of [
      { caseNo, satisfaction: 1, pf: '2', comment: '态度差\u0007' },
      { caseNo, satisfaction: 1, pf: '2', comment: 'x'.repeat(501) },
      { caseNo, satisfaction: 1, pf: '2', comment: 42 },
      { caseNo: caseNo.toLowerCase().replace(/^\d/, 'x'), satisfaction: 5, pf: '1' },
      { caseNo: 'abc def ghi jkl', satisfaction: 5, pf: '1' },
    ]) {
      const r = await rate(body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await t.count('SELECT count(*) AS n FROM reviews WHERE case_no = $1', [caseNo])).toBe(0);
    // A comment of spaces only is no comment: a bad grade still needs one.
    const blank = await rate({ caseNo, satisfaction: 2, pf: '2', comment: '   ' });
    expect([blank.status, ((await blank.json()) as { code: string }).code]).toEqual([
      422,
      'COMMENT_REQUIRED',
    ]);
    const ok = await rate({ caseNo, satisfaction: 2, pf: '2', comment: '  等候时间长\n流程不清楚  ' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ comment: '等候时间长\n流程不清楚' });
  });

  it('dead-letters a poison message and keeps processing the partition', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, null, { rawValue: '<xml/>' });
    await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
    const dead = await t.collector.waitForMessage(dlqOf(TOPICS.CASE_COMPLETED), (m) => m.key === caseNo);
    expect(dead.headers['x-dlq-reason']).toBe('INVALID_JSON');
    await ratable(caseNo);
  });

  it('waits out an outage of its own database: nothing dead-lettered, the event processed once it is back', async () => {
    const admin = new Client({ connectionString: testEnv().postgresUrl });
    await admin.connect();
    const caseNo = uniqueCaseNo();
    try {
      // Take the database away from the service (its connections cut, no new ones), keep the test's own.
      await admin.query(`ALTER DATABASE "${t.dbName}" ALLOW_CONNECTIONS false`);
      const ownPid = (await t.pg.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2',
        [t.dbName, ownPid],
      );
      await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo));
      // Far longer than the bounded retries (2 × 50/100 ms) that a plain error would get.
      await new Promise((r) => setTimeout(r, 3000));
      expect(t.collector.find(dlqOf(TOPICS.CASE_COMPLETED), (m) => m.key === caseNo)).toHaveLength(0);
      expect((await t.pg.query('SELECT 1 FROM ratable_cases WHERE case_no = $1', [caseNo])).rowCount).toBe(0);
    } finally {
      await admin.query(`ALTER DATABASE "${t.dbName}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await ratable(caseNo);
    expect(await t.count('SELECT count(*) AS n FROM ratable_cases WHERE case_no = $1', [caseNo])).toBe(1);
    expect(t.collector.find(dlqOf(TOPICS.CASE_COMPLETED), (m) => m.key === caseNo)).toHaveLength(0);
  });
});
