import { randomUUID } from 'node:crypto';
import { CalendarNotCoveredError, WorkCalendar } from '@app/shared/calendar';
import { ApplicationAcceptedV1, TOPICS, dlqOf } from '@app/shared/contracts';
import {
  testToken,
  testWorkCalendar,
  waitFor,
  ServiceUnderTest,
  startServiceUnderTest,
  checkRoutes,
  routeTable,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';

/** Intake against the real PostgreSQL and Kafka: outbox events, idempotent timeline, DLQ. */
describe('intake service (integration)', () => {
  let t: ServiceUnderTest;
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicant = testToken({ sub: 'citizen-it', roles: ['applicant'], name: '张三' });
  const clerk = testToken({ sub: 'clerk-it', roles: ['clerk'], name: '窗口', dept: SCJG });
  let food: { taskCode: string };

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  /** POST with the body as raw JSON text (escapes such as `\ud800` reach the server as written). */
  const postRaw = (path: string, token: string, text: string) =>
    fetch(`${t.svc.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: text,
    });
  const countCases = () => t.count('SELECT count(*) AS n FROM cases', []);
  const validBody = () => ({
    itemCode: food.taskCode,
    applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: '11330100002491026R' },
    formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '张三' },
    materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
  });
  const submit = async () => {
    const r = await call('POST', '/applications', applicant, {
      itemCode: food.taskCode,
      applicant: {
        userProp: '2',
        name: '杭州测试餐饮有限公司',
        certType: '001',
        certNo: '11330100002491026R',
      },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '张三' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as { caseNo: string }).caseNo;
  };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [
        TOPICS.APPLICATION_SUBMITTED,
        TOPICS.APPLICATION_ACCEPTED,
        TOPICS.APPLICATION_NOT_ACCEPTED,
        TOPICS.CASE_COMPLETED,
        dlqOf(TOPICS.APPROVAL_CASE_DENIED),
        dlqOf(TOPICS.APPROVAL_STEP_COMPLETED),
      ],
      env: { REGION_CODE: region },
    });
    const items = (await (await call('GET', '/items?keyword=%E9%A3%9F%E5%93%81')).json()) as {
      items: Array<{ taskCode: string; name: string }>;
    };
    food = items.items.find((i) => i.name === '食品经营许可')!;
  });

  afterAll(() => t.stop());

  it('guards every route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app);
    expect(routes.filter((r) => !r.path.startsWith('/health')).length).toBeGreaterThan(0);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  it('documents every operation: its success body and its error bodies', async () => {
    const doc = (await (await call('GET', '/docs-json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/applications', '/applications/{caseNo}/accept', '/items']),
    );
    const undocumented = Object.entries(doc.paths)
      .filter(([path]) => !path.startsWith('/health'))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => {
            const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
            return !ok?.[1].content || !op.responses['400'];
          })
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(undocumented).toEqual([]);
  });

  it('seeds at least 8 items from several departments with their standard elements', async () => {
    const r = (await (await call('GET', '/items?pageSize=100')).json()) as {
      total: number;
      items: Array<{ deptCode: string; materials: unknown[] }>;
    };
    expect(r.total).toBeGreaterThanOrEqual(8);
    expect(new Set(r.items.map((i) => i.deptCode)).size).toBeGreaterThanOrEqual(5);
    expect(r.items.every((i) => i.materials.length > 0)).toBe(true);
    expect((await call('GET', '/items/NOPE')).status).toBe(404);
    expect((await call('GET', '/items?pageSize=1000')).status).toBe(400);
  });

  it('serves the catalog with an ETag and Cache-Control, and 304 to a client that has it', async () => {
    const first = await call('GET', '/items?pageSize=5');
    const etag = first.headers.get('etag');
    expect([first.status, first.headers.get('cache-control')]).toEqual([200, 'public, max-age=60']);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await fetch(`${t.svc.url}/items?pageSize=5`, { headers: { 'if-none-match': etag! } });
    expect([again.status, await again.text()]).toEqual([304, '']);
    const other = await fetch(`${t.svc.url}/items?pageSize=6`, { headers: { 'if-none-match': etag! } });
    expect(other.status).toBe(200);
  });

  it('takes the 办件编号 outside the submission transaction: a waiting submission holds no counter row', async () => {
    const taken = async () =>
      Number(
        (
          await t.pg.query('SELECT COALESCE(sum(seq), 0) AS n FROM case_no_counters WHERE region = $1', [
            region,
          ])
        ).rows[0].n,
      );
    const before = await taken();
    const cases = await countCases();
    // Both submissions stop at their timeline insert, inside their transactions, until this one ends.
    await t.pg.query('BEGIN');
    await t.pg.query('LOCK TABLE case_timeline IN SHARE MODE');
    let pending: Array<Promise<string>> = [];
    try {
      pending = [submit(), submit()];
      // Both numbers are taken (committed) while both transactions are still open; with the number taken
      // inside the transaction the second would wait on the first's counter row, and neither would show.
      await waitFor(async () => (await taken()) === before + 2, { description: 'both numbers taken' });
      expect(await countCases()).toBe(cases);
    } finally {
      await t.pg.query('COMMIT');
    }
    const numbers = await Promise.all(pending);
    const seqs = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(seqs[1] - seqs[0]).toBe(1);
    expect(await countCases()).toBe(cases + 2);
  });

  it('writes the case and its event together; accepting computes the promise in working days', async () => {
    const caseNo = await submit();
    expect(caseNo).toMatch(new RegExp(`^${region}\\d{14}$`));
    const ev = await t.collector.waitForMessage(TOPICS.APPLICATION_SUBMITTED, (m) => m.key === caseNo);
    expect(ev.headers).toMatchObject({ ce_type: 'intake.application.submitted', ce_subject: caseNo });
    const r = await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    expect(r.status).toBe(200);
    const view = (await r.json()) as { acceptance: { promiseDate: string; acceptDocNo: string } };
    expect(view.acceptance.acceptDocNo).toBe(`SL${caseNo}`);
    const acc = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    const { promiseDate, acceptedAt, materials } = acc.value as ApplicationAcceptedV1;
    expect(promiseDate).toBe(view.acceptance.promiseDate);
    // The filed materials travel on the event (the provincial 材料目录), named from the case's catalog version.
    expect(materials?.map((m) => [m.code, m.count, m.attachNames, m.name !== m.code])).toEqual(
      ['M01', 'M02', 'M03', 'M04'].map((code) => [code, 1, [`${code}.pdf`], true]),
    );
    // 食品经营许可 promises 5 working days from the Asia/Shanghai date of 受理.
    expect(promiseDate).toBe(testWorkCalendar().dueDate(new Date(acceptedAt), 5, '1').dueDate);
    expect(
      await t.count(`SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND published_at IS NOT NULL`, [
        caseNo,
      ]),
    ).toBe(2);
  });

  it('answers a long poll as soon as the case changes, and after waitSeconds when it does not', async () => {
    const caseNo = await submit();
    const before = (await (await call('GET', `/applications/${caseNo}`, applicant)).json()) as {
      version: number;
    };
    const t0 = Date.now();
    const unchanged = await call(
      'GET',
      `/applications/${caseNo}?waitVersion=${before.version}&waitSeconds=1`,
      applicant,
    );
    expect(unchanged.status).toBe(200);
    expect(((await unchanged.json()) as { version: number }).version).toBe(before.version);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const waiting = call(
      'GET',
      `/applications/${caseNo}?waitVersion=${before.version}&waitSeconds=20`,
      applicant,
    );
    await new Promise((r) => setTimeout(r, 300));
    const t1 = Date.now();
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(200);
    const woken = (await (await waiting).json()) as { version: number; status: string };
    expect(woken).toMatchObject({ status: 'ACCEPTED' });
    expect(woken.version).toBeGreaterThan(before.version);
    expect(Date.now() - t1).toBeLessThan(5000);
    const bad = await call('GET', `/applications/${caseNo}?waitVersion=1&waitSeconds=31`, applicant);
    expect(bad.status).toBe(400);
    // The poll's probe decides visibility as the plain read does: another applicant's case and an unknown
    // one are both 404, at once.
    const stranger = testToken({ sub: 'citizen-other', roles: ['applicant'], name: '李四' });
    for (const [no, who] of [
      [caseNo, stranger],
      ['33010020991231999999', applicant],
    ] as const) {
      const t2 = Date.now();
      const r = await call('GET', `/applications/${no}?waitVersion=0&waitSeconds=20`, who);
      expect(r.status).toBe(404);
      expect(await r.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
      expect(Date.now() - t2).toBeLessThan(5000);
    }
  });

  it('refuses to accept when the promise would run past the calendar, and writes nothing', async () => {
    const caseNo = await submit();
    await t.collector.waitForMessage(TOPICS.APPLICATION_SUBMITTED, (m) => m.key === caseNo);
    const calendar = t.svc.app.get(WorkCalendar, { strict: false });
    const spy = jest.spyOn(calendar, 'dueDate').mockImplementation(() => {
      throw new CalendarNotCoveredError(2099, calendar.coveredYears);
    });
    try {
      const r = await call('POST', `/applications/${caseNo}/accept`, clerk, {});
      expect(r.status).toBe(503);
      expect(await r.json()).toMatchObject({ code: 'CALENDAR_NOT_COVERED', details: { year: 2099 } });
    } finally {
      spy.mockRestore();
    }
    const state = await t.pg.query<{ status: string; accept_doc_no: string | null }>(
      'SELECT status, accept_doc_no FROM cases WHERE case_no = $1',
      [caseNo],
    );
    expect(state.rows).toEqual([{ status: 'SUBMITTED', accept_doc_no: null }]);
    expect(await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo])).toBe(1);
    // The clerk can accept once the calendar is fixed.
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(200);
  });

  it('refuses a rejection without a reason; a refusal confirmed by the chief completes the case with code 6', async () => {
    const caseNo = await submit();
    const bad = await call('POST', `/applications/${caseNo}/reject`, clerk, { reason: '' });
    expect(bad.status).toBe(400);
    expect(
      (
        await call(
          'POST',
          `/applications/${caseNo}/reject`,
          testToken({ sub: 'x', roles: ['clerk'], dept: '11330100002491026R' }),
          { reason: '不属于本部门', legalBasis: '行政许可法第三十二条' },
        )
      ).status,
    ).toBe(404);
    expect(
      (await call('POST', `/applications/${caseNo}/reject`, applicant, { reason: '不属于本部门' })).status,
    ).toBe(403);
    expect(
      (
        await call('POST', `/applications/${caseNo}/reject`, clerk, {
          reason: '申请事项依法不需要取得行政许可',
          legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
        })
      ).status,
    ).toBe(200);
    const chief = testToken({ sub: 'chief-it', roles: ['chief'], name: '首席代表', dept: SCJG });
    expect((await call('POST', `/applications/${caseNo}/refusal/confirm`, chief, {})).status).toBe(200);
    const done = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo);
    expect(done.value).toMatchObject({ doneResult: '6', applicantSub: 'citizen-it' });
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(409);
  });

  it('applies a redelivered approval event once, and completes the case on denial', async () => {
    const caseNo = await submit();
    await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    const denied = {
      caseNo,
      itemCode: food.taskCode,
      itemName: '食品经营许可',
      deptCode: SCJG,
      deptName: '杭州市市场监督管理局',
      approvalId: randomUUID(),
      opinion: '不符合条件',
      deniedAt: new Date().toISOString(),
    };
    const id = await t.producer.send(TOPICS.APPROVAL_CASE_DENIED, caseNo, denied);
    await t.producer.send(TOPICS.APPROVAL_CASE_DENIED, caseNo, denied, { id });
    const done = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo);
    expect(done.value).toMatchObject({ doneResult: '1' });
    await waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [id])) === 1 ||
        undefined,
    );
    expect(
      await t.count(`SELECT count(*) AS n FROM case_timeline WHERE case_no = $1 AND action = 'DENIED'`, [
        caseNo,
      ]),
    ).toBe(1);
    expect(t.collector.find(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo)).toHaveLength(1);
  });

  it('writes a decided step on the timeline once (one statement, the case not locked); an unknown case’s is dead-lettered', async () => {
    const caseNo = await submit();
    await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    const step = (no: string) => ({
      caseNo: no,
      itemCode: food.taskCode,
      itemName: '食品经营许可',
      deptCode: SCJG,
      deptName: '杭州市市场监督管理局',
      approvalId: randomUUID(),
      stepNo: 1,
      stepCode: '1',
      stepName: '承办',
      result: '1',
      opinion: '材料齐全',
      handledBy: 'approver-1',
      completedAt: new Date().toISOString(),
      nextStepNo: 2,
      nextStepName: '审核',
    });
    const id = await t.producer.send(TOPICS.APPROVAL_STEP_COMPLETED, caseNo, step(caseNo));
    await t.producer.send(TOPICS.APPROVAL_STEP_COMPLETED, caseNo, step(caseNo), { id });
    const ghost = `${region}20261124999998`;
    await t.producer.send(TOPICS.APPROVAL_STEP_COMPLETED, ghost, step(ghost));
    const dead = await t.collector.waitForMessage(
      dlqOf(TOPICS.APPROVAL_STEP_COMPLETED),
      (m) => m.key === ghost,
    );
    expect(dead.headers).toMatchObject({ 'x-dlq-reason': 'UNKNOWN_CASE' });
    const entries = await waitFor(async () => {
      const rows = await t.pg.query<{ actor: string; detail: { stepName: string }; source_event_id: string }>(
        `SELECT actor, detail, source_event_id FROM case_timeline WHERE case_no = $1 AND action = 'STEP_COMPLETED'`,
        [caseNo],
      );
      return rows.rows.length > 0 ? rows.rows : undefined;
    });
    expect(entries).toEqual([
      { actor: 'approver-1', detail: expect.objectContaining({ stepName: '承办' }), source_event_id: id },
    ]);
    expect(await t.count('SELECT count(*) AS n FROM case_timeline WHERE case_no = $1', [ghost])).toBe(0);
    expect(await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [id])).toBe(1);
  });

  it('dead-letters an event about an unknown case without retrying it, and goes on', async () => {
    const ghost = `${region}20261124999999`;
    await t.producer.send(TOPICS.APPROVAL_CASE_DENIED, ghost, {
      caseNo: ghost,
      itemCode: 'X',
      itemName: 'X',
      deptCode: SCJG,
      deptName: 'X',
      approvalId: randomUUID(),
      opinion: '不符合',
      deniedAt: new Date().toISOString(),
    });
    const dead = await t.collector.waitForMessage(dlqOf(TOPICS.APPROVAL_CASE_DENIED), (m) => m.key === ghost);
    expect(dead.headers).toMatchObject({ 'x-dlq-reason': 'UNKNOWN_CASE', 'x-dlq-attempts': '1' });
  });

  it('rejects a submission that would be half-written: invalid ID, unknown fields, unknown materials', async () => {
    const before = await t.count('SELECT count(*) AS n FROM cases', []);
    const base = {
      itemCode: food.taskCode,
      applicant: { userProp: '2', name: '公司', certType: '001', certNo: '11330100002491026R' },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '张三' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    };
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, applicant: { ...base.applicant, certNo: '11330100002491026X' } }, 400, 'INVALID_ID_NUMBER'],
      [{ ...base, formData: { ...base.formData, other: 'x' } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, formData: { premises: '杭州市' } }, 400, 'VALIDATION_FAILED'],
      // (missing materials are no refusal online: the 预审 names them in a notice, see case-life)
      [{ ...base, materials: [{ code: 'M99', fileName: 'M99.pdf' }] }, 400, 'VALIDATION_FAILED'],
      [
        {
          ...base,
          applicant: { ...base.applicant, userProp: '1', certType: '111', certNo: '11010519491231002X' },
        },
        422,
        'APPLICANT_TYPE_NOT_SERVED',
      ],
      // A personal ID type filed as a company's: refused, so it can never travel unmasked as a USCC would.
      [
        { ...base, applicant: { ...base.applicant, certType: '414', certNo: 'E12345678' } },
        400,
        'VALIDATION_FAILED',
      ],
      // PostgreSQL cannot store NUL: refused at the edge, not a 500 from deep inside the transaction.
      [{ ...base, formData: { ...base.formData, premises: '杭州\u0000市' } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, applicant: { ...base.applicant, name: '公'.repeat(201) } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await call('POST', '/applications', applicant, body);
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([status, code]);
    }
    expect(await t.count('SELECT count(*) AS n FROM cases', [])).toBe(before);
    expect((await call('POST', '/applications', undefined, base)).status).toBe(401);
    const nul = await call('GET', '/applications/33010020261124%00', applicant);
    expect(nul.status).toBe(400);
    expect(await call('GET', '/applications?page=100000000000', clerk)).toHaveProperty('status', 400);
  });

  it('creates one case per Idempotency-Key, whatever the retries, and refuses the key for another body', async () => {
    const body = {
      itemCode: food.taskCode,
      applicant: {
        userProp: '2',
        name: '杭州幂等测试有限公司',
        certType: '001',
        certNo: '11330100002491026R',
      },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '张三' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    };
    const key = randomUUID();
    const post = (b: unknown, k: string = key, token = applicant) =>
      fetch(`${t.svc.url}/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': k,
        },
        body: JSON.stringify(b),
      });
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const { caseNo } = (await first.json()) as { caseNo: string };
    // A retry (keys in another order, as a different client library might send them) and five at once.
    const retry = await post({
      materials: body.materials,
      formData: body.formData,
      applicant: body.applicant,
      itemCode: body.itemCode,
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { caseNo: string }).caseNo).toBe(caseNo);
    const burstKey = randomUUID();
    const burst = await Promise.all(Array.from({ length: 5 }, () => post(body, burstKey)));
    const burstCases = await Promise.all(
      burst.map(async (r) => ((await r.json()) as { caseNo: string }).caseNo),
    );
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(burstCases).size).toBe(1);
    for (const [k, n] of [
      [key, 1],
      [burstKey, 1],
    ] as const) {
      expect(await t.count('SELECT count(*) AS n FROM cases WHERE idempotency_key = $1', [k])).toBe(n);
    }
    expect(await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo])).toBe(1);

    const changed = await post({ ...body, formData: { ...body.formData, premises: '宁波市' } });
    expect(changed.status).toBe(422);
    expect(await changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { caseNo } });
    // Keys are per applicant: someone else's identical key creates their own case.
    const other = await post(body, key, testToken({ sub: 'citizen-other', roles: ['applicant'] }));
    expect(other.status).toBe(201);
    expect(((await other.json()) as { caseNo: string }).caseNo).not.toBe(caseNo);
    const bad = await post(body, 'short');
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('masks any personal ID type in events, and keeps a 200-character name in the timeline', async () => {
    const items = (await (await call('GET', '/items?pageSize=100')).json()) as {
      items: Array<{ taskCode: string; name: string }>;
    };
    const licence = items.items.find((i) => i.name === '机动车驾驶证换领')!;
    const name = '张'.repeat(200);
    const r = await call('POST', '/applications', applicant, {
      itemCode: licence.taskCode,
      applicant: { userProp: '1', name, certType: '414', certNo: 'E12345678' },
      formData: { vehicleClass: 'C1', firstIssueDate: '2016-05-01' },
      materials: ['M01', 'M02'].map((code) => ({ code, fileName: `${code}.pdf` })),
    });
    expect(r.status).toBe(201);
    const { caseNo } = (await r.json()) as { caseNo: string };
    const ev = await t.collector.waitForMessage(TOPICS.APPLICATION_SUBMITTED, (m) => m.key === caseNo);
    expect(ev.value).toMatchObject({ applicant: { certType: '414', certMasked: 'E1****78' } });
    expect(JSON.stringify(ev.value)).not.toContain('E12345678');
    const timeline = (await (await call('GET', `/applications/${caseNo}/timeline`, applicant)).json()) as {
      entries: Array<{ action: string; actor: string }>;
    };
    expect(timeline.entries[0]).toMatchObject({ action: 'SUBMITTED', actor: name });
  });
  it('refuses a submission without an applicant or with a blank name: 400, nothing written', async () => {
    const before = await countCases();
    const { applicant: _omitted, ...noApplicant } = validBody();
    const cases: unknown[] = [
      noApplicant,
      { ...validBody(), applicant: null },
      { ...validBody(), applicant: 'someone' },
      { ...validBody(), applicant: { ...validBody().applicant, name: '     ' } },
      { ...validBody(), materials: [{ code: 'M01', fileName: '  ' }] },
      { ...validBody(), formData: undefined },
    ];
    for (const body of cases) {
      const r = await call('POST', '/applications', applicant, body);
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await countCases()).toBe(before);
  });

  it('refuses lone UTF-16 surrogates in the name, a form value and a file name: 400, nothing written', async () => {
    const before = await countCases();
    const LONE = 'LONE_SURROGATE_HERE';
    const bodies = [
      { ...validBody(), applicant: { ...validBody().applicant, name: `杭州${LONE}公司` } },
      { ...validBody(), formData: { ...validBody().formData, premises: `杭州${LONE}` } },
      {
        ...validBody(),
        materials: validBody().materials.map((m, i) => (i === 0 ? { ...m, fileName: `${LONE}.pdf` } : m)),
      },
    ];
    for (const escape of ['\\ud800', '\\udfff']) {
      for (const body of bodies) {
        const text = JSON.stringify(body).replace(LONE, escape);
        expect(text).toContain(escape); // the six characters, not a replacement character
        const r = await postRaw('/applications', applicant, text);
        expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    }
    expect(await countCases()).toBe(before);
  });

  it('refuses JSON nested 10 000 levels deep quickly with MALFORMED_JSON, nothing written', async () => {
    const before = await countCases();
    const depth = 10_000;
    const text = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const started = Date.now();
    const r = await postRaw('/applications', applicant, text);
    expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([400, 'MALFORMED_JSON']);
    expect(Date.now() - started).toBeLessThan(2000);
    const arrays = await postRaw('/applications', applicant, `${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(arrays.status).toBe(400);
    expect(await countCases()).toBe(before);
  });

  it('hides a case from a clerk of another department: accept and reject are 404, nothing written', async () => {
    const caseNo = await submit();
    await t.collector.waitForMessage(TOPICS.APPLICATION_SUBMITTED, (m) => m.key === caseNo);
    const otherClerk = testToken({
      sub: 'clerk-ga',
      roles: ['clerk'],
      name: '公安窗口',
      dept: '11330100002491026R',
    });
    const outboxBefore = await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo]);
    for (const [path, body] of [
      ['accept', {}],
      ['reject', { reason: '不属于本部门职权范围', legalBasis: '行政许可法第三十二条' }],
    ] as const) {
      const r = await call('POST', `/applications/${caseNo}/${path}`, otherClerk, body);
      expect(r.status).toBe(404);
      const err = (await r.json()) as { code: string; details?: unknown };
      expect(err.code).toBe('CASE_NOT_FOUND');
      expect(JSON.stringify(err)).not.toContain('113301000024901620'); // the owning department stays unknown
    }
    expect((await call('GET', `/applications/${caseNo}`, otherClerk)).status).toBe(404);
    const state = await t.pg.query<{ status: string; accept_doc_no: string | null; done_at: Date | null }>(
      'SELECT status, accept_doc_no, done_at FROM cases WHERE case_no = $1',
      [caseNo],
    );
    expect(state.rows).toEqual([{ status: 'SUBMITTED', accept_doc_no: null, done_at: null }]);
    expect(await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo])).toBe(
      outboxBefore,
    );
    expect(await t.count('SELECT count(*) AS n FROM case_timeline WHERE case_no = $1', [caseNo])).toBe(1);
  });
});
