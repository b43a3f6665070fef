import { randomUUID } from 'node:crypto';
import { TOPICS, dlqOf } from '@app/shared/contracts';
import {
  checkRoutes,
  companyUscc,
  routeTable,
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { SupervisionConfig } from '../src/config/supervision.config';
import { SweepLightsUseCase } from '../src/lights/use-cases/sweep-lights/sweep-lights.use-case';
import {
  accepted,
  approvalOpened,
  badReview,
  badReviewClosed,
  badReviewRectified,
  bundleEnded,
  bundleSubmitted,
  completed,
  ref,
  resumed,
  review,
  stepCompleted,
  stepReturned,
  submitted,
  supplementRequested,
  suspended,
  withdrawn,
} from '../src/testing/events.fixtures';

const DEPT = '113301000024901620';
const OTHER_DEPT = '11330100002491026R';

interface Body {
  code?: string;
  [k: string]: unknown;
}

/** Supervision (电子监察) against the real PostgreSQL and Kafka; the sweeper is driven by hand with exact dates. */
describe('supervision service (integration)', () => {
  let t: ServiceUnderTest;
  const supervisor = testToken({ sub: 'sup-1', roles: ['supervisor'], name: '监察员' });
  const head = testToken({ sub: 'head-1', roles: ['dept_head'], dept: DEPT, name: '部门负责人' });
  const otherHead = testToken({ sub: 'head-2', roles: ['dept_head'], dept: OTHER_DEPT });
  const clerk = testToken({ sub: 'clerk-1', roles: ['clerk'], dept: DEPT });

  const api = async (path: string, token?: string, init: { method?: string; body?: unknown } = {}) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: r.status, body: (await r.json()) as Body };
  };
  const processed = (ids: string[]) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = ANY($1::uuid[])', [
          ids,
        ])) === ids.length || undefined,
      { description: `${ids.length} events processed` },
    );
  /** Sends one event and waits until it is projected (so a test controls the order across topics). */
  const send = async (topic: string, key: string, payload: unknown, id?: string) => {
    const eventId = await t.producer.send(topic, key, payload, id ? { id } : {});
    await processed([eventId]);
    return eventId;
  };
  const sweep = (iso: string) => t.svc.app.get(SweepLightsUseCase).execute({ now: new Date(iso) });
  const clock = async (caseNo: string, kind: string, refValue = '') =>
    (
      await t.pg.query<{
        id: string;
        light: string | null;
        remaining_working_days: number | null;
        due: string;
        effective: string | null;
        paused: string | null;
        closed_at: Date | null;
      }>(
        `SELECT id, light, remaining_working_days, to_char(due_date, 'YYYY-MM-DD') AS due,
                to_char(effective_due_date, 'YYYY-MM-DD') AS effective, to_char(paused_since, 'YYYY-MM-DD') AS paused, closed_at
         FROM sup_clocks WHERE case_no = $1 AND kind = $2 AND ref = $3`,
        [caseNo, kind, refValue],
      )
    ).rows[0];
  const lightEvents = (caseNo: string) =>
    t.collector
      .find(TOPICS.SUPERVISION_LIGHT_CHANGED, (m) => m.key === caseNo)
      .map(
        (m) =>
          m.value as {
            kind: string;
            previousLight: string | null;
            light: string;
            remainingWorkingDays: number;
            dueDate: string;
          },
      );

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, SupervisionConfig, {
      service: 'supervision',
      topics: [
        TOPICS.SUPERVISION_LIGHT_CHANGED,
        TOPICS.SUPERVISION_ESCALATION_OPENED,
        dlqOf(TOPICS.APPLICATION_ACCEPTED),
      ],
      env: { SUPERVISION_SWEEPER_ENABLED: 'false' },
    });
  });

  afterAll(() => t.stop());

  it('guards every route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app);
    expect(routes.filter((r) => r.path.startsWith('/supervision')).length).toBe(8);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
    expect((await api('/supervision/statistics', clerk)).status).toBe(403);
    expect((await api('/supervision/lights')).status).toBe(401);
  });

  it('projects an accepted case once, even when the event is delivered twice', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    const payload = accepted(r, '2026-12-28T02:00:00.000Z', '2027-01-06');
    const id = await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, payload);
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, payload, { id });
    const notice = supplementRequested(r, 1, '2026-12-27T02:00:00.000Z', '2026-12-31');
    const nid = await t.producer.send(TOPICS.APPLICATION_SUPPLEMENT_REQUESTED, caseNo, notice);
    await t.producer.send(TOPICS.APPLICATION_SUPPLEMENT_REQUESTED, caseNo, notice, { id: nid });
    await processed([id, nid]);
    // Let the redeliveries reach the consumer too.
    await waitFor(
      async () =>
        (await t.count(`SELECT count(*) AS n FROM processed_events WHERE event_id = ANY($1::uuid[])`, [
          [id, nid],
        ])) === 2 || undefined,
    );
    await new Promise((res) => setTimeout(res, 1000));
    expect(await t.count('SELECT count(*) AS n FROM sup_clocks WHERE case_no = $1', [caseNo])).toBe(2);
    const c = (
      await t.pg.query<{ supplement_notices: number; promise: string; region_code: string }>(
        `SELECT supplement_notices, to_char(promise_date, 'YYYY-MM-DD') AS promise, region_code FROM sup_cases WHERE case_no = $1`,
        [caseNo],
      )
    ).rows[0];
    expect(c).toEqual({ supplement_notices: 1, promise: '2027-01-06', region_code: caseNo.slice(0, 6) });
    expect(await t.count('SELECT count(*) AS n FROM sup_flags WHERE case_no = $1', [caseNo])).toBe(0);
    // The notice came before 受理: its clock is closed by the acceptance, whatever the order of arrival.
    expect((await clock(caseNo, 'SUPPLEMENT', `BZ${caseNo}-1`)).closed_at).not.toBeNull();
    expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({
      due: '2027-01-06',
      closed_at: null,
      light: null,
    });
  });

  it('dead-letters a poison message and keeps processing the partition', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, null, { rawValue: '<xml/>' });
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, { caseNo, promiseDate: 'soon' });
    const id = await t.producer.send(
      TOPICS.APPLICATION_ACCEPTED,
      caseNo,
      accepted(ref(caseNo, DEPT), '2026-12-28T02:00:00.000Z', '2027-01-06'),
    );
    const dead = await t.collector.waitForMessage(
      dlqOf(TOPICS.APPLICATION_ACCEPTED),
      (m) => m.key === caseNo,
    );
    expect(dead.headers['x-dlq-reason']).toBe('INVALID_JSON');
    await waitFor(
      () =>
        t.collector.find(dlqOf(TOPICS.APPLICATION_ACCEPTED), (m) => m.key === caseNo).length === 2 ||
        undefined,
    );
    await processed([id]);
    expect(await t.count('SELECT count(*) AS n FROM sup_clocks WHERE case_no = $1', [caseNo])).toBe(1);
  });

  describe('lights across a holiday and a pause (test calendar: 2027-01-01 is a holiday)', () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    const approvalId = randomUUID();
    const procedureId = randomUUID();
    let promiseEscalation = '';

    it('turns each clock yellow and red on the exact working day, standing still while paused', async () => {
      await send(TOPICS.APPLICATION_SUBMITTED, caseNo, submitted(r, '2026-12-28T01:00:00.000Z'));
      await send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(r, '2026-12-28T02:00:00.000Z', '2027-01-06'));

      // Wed 2026-12-30: (12-30, 01-06] holds Thu 31st, Mon 4th, Tue 5th, Wed 6th (Fri 1st is a holiday).
      await sweep('2026-12-30T02:00:00Z');
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({
        light: 'GREEN',
        remaining_working_days: 4,
      });

      // 听证 from Thu 2026-12-31, expected to end Tue 2027-01-05: the promise stops.
      await send(
        TOPICS.APPROVAL_CASE_SUSPENDED,
        caseNo,
        suspended(r, approvalId, procedureId, '2026-12-31T02:00:00.000Z', '2027-01-05'),
      );
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({ paused: '2026-12-31' });

      // Tue 2027-01-05: the promise still has the 3 working days it had when the pause began (due moved to 01-08);
      // the procedure is on its last day (0 left): yellow.
      await sweep('2027-01-05T02:00:00Z');
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({
        light: 'GREEN',
        remaining_working_days: 3,
        effective: '2027-01-08',
      });
      expect(await clock(caseNo, 'SPECIAL_PROCEDURE', procedureId)).toMatchObject({
        light: 'YELLOW',
        remaining_working_days: 0,
      });

      // Wed 2027-01-06: the procedure overran its expected end: red, and a 督办 item.
      const sixth = await sweep('2027-01-06T02:00:00Z');
      expect(sixth.changes.filter((c) => c.caseNo === caseNo)).toMatchObject([
        { previousLight: 'YELLOW', light: 'RED', escalationId: expect.any(String) },
      ]);

      // Resumed on 01-06: paused (12-31, 01-06] = 3 working days; the promise is now Mon 2027-01-11.
      await send(
        TOPICS.APPROVAL_CASE_RESUMED,
        caseNo,
        resumed(r, approvalId, procedureId, '2027-01-06T03:00:00.000Z', '2027-01-05', 3, '2027-01-11'),
      );
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({ due: '2027-01-11', paused: null });
      expect((await clock(caseNo, 'SPECIAL_PROCEDURE', procedureId)).closed_at).not.toBeNull();

      // Thu 2027-01-07: (01-07, 01-11] = Fri 8th, Mon 11th: 2 left, yellow (threshold 2 for the promise).
      await sweep('2027-01-07T02:00:00Z');
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({
        light: 'YELLOW',
        remaining_working_days: 2,
        effective: '2027-01-11',
      });
      // Mon 2027-01-11 (due day): still yellow; Tue 2027-01-12: red, one working day overdue.
      await sweep('2027-01-11T02:00:00Z');
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({
        light: 'YELLOW',
        remaining_working_days: 0,
      });
      const twelfth = await sweep('2027-01-12T02:00:00Z');
      const red = twelfth.changes.find((c) => c.caseNo === caseNo);
      expect(red).toMatchObject({ previousLight: 'YELLOW', light: 'RED' });
      promiseEscalation = red?.escalationId ?? '';
      // Later the same day nothing is due for a check; the next day it stays red (no new event, no new item).
      expect((await sweep('2027-01-12T08:00:00Z')).changes.filter((c) => c.caseNo === caseNo)).toEqual([]);
      expect((await sweep('2027-01-13T02:00:00Z')).changes.filter((c) => c.caseNo === caseNo)).toEqual([]);
      expect(await clock(caseNo, 'CASE_PROMISE')).toMatchObject({ light: 'RED', remaining_working_days: -2 });

      // Each change was published once, in order, through the outbox.
      await waitFor(() => lightEvents(caseNo).length >= 4 || undefined, {
        description: 'four light changes',
      });
      await new Promise((res) => setTimeout(res, 1500));
      expect(
        lightEvents(caseNo).map((e) => [e.kind, e.previousLight, e.light, e.remainingWorkingDays, e.dueDate]),
      ).toEqual([
        ['SPECIAL_PROCEDURE', null, 'YELLOW', 0, '2027-01-05'],
        ['SPECIAL_PROCEDURE', 'YELLOW', 'RED', -1, '2027-01-05'],
        ['CASE_PROMISE', 'GREEN', 'YELLOW', 2, '2027-01-11'],
        ['CASE_PROMISE', 'YELLOW', 'RED', -1, '2027-01-11'],
      ]);
      const opened = t.collector.find(TOPICS.SUPERVISION_ESCALATION_OPENED, (m) => m.key === caseNo);
      expect(opened.map((m) => (m.value as { kind: string }).kind).sort()).toEqual([
        'CASE_PROMISE',
        'SPECIAL_PROCEDURE',
      ]);

      const lights = await api(`/supervision/lights?light=RED&kind=CASE_PROMISE&pageSize=100`, head);
      expect(lights.status).toBe(200);
      const mine = (
        lights.body.items as Array<{ caseNo: string; remainingWorkingDays: number; effectiveDueDate: string }>
      ).find((k) => k.caseNo === caseNo);
      expect(mine).toMatchObject({ remainingWorkingDays: -2, effectiveDueDate: '2027-01-11' });
      expect(
        (
          (await api(`/supervision/lights?pageSize=100`, otherHead)).body.items as Array<{ caseNo: string }>
        ).some((k) => k.caseNo === caseNo),
      ).toBe(false);
      expect((await api(`/supervision/lights?deptCode=${DEPT}`, otherHead)).body.code).toBe('FORBIDDEN');
      expect((await api(`/supervision/lights?light=GREEN`, head)).status).toBe(400);

      const view = await api(`/supervision/cases/${caseNo}`, head);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        caseNo,
        status: 'ACCEPTED',
        specialPausedDays: 3,
        promiseDate: '2027-01-06',
      });
      expect((view.body.lightHistory as unknown[]).length).toBe(5);
      expect((await api(`/supervision/cases/${caseNo}`, otherHead)).status).toBe(404);
      expect((await api(`/supervision/cases/${caseNo}`, supervisor)).status).toBe(200);
    });

    it('runs the 督办 cycle: the department head acknowledges, then resolves with a comment; all audited', async () => {
      expect(promiseEscalation).not.toBe('');
      const path = `/supervision/escalations/${promiseEscalation}`;
      const list = await api(`/supervision/escalations?status=OPEN&pageSize=100`, head);
      expect((list.body.items as Array<{ escalationId: string }>).map((x) => x.escalationId)).toContain(
        promiseEscalation,
      );
      expect(
        (
          (await api(`/supervision/escalations?pageSize=100`, otherHead)).body.items as Array<{
            escalationId: string;
          }>
        ).map((x) => x.escalationId),
      ).not.toContain(promiseEscalation);
      expect((await api(`/supervision/escalations?deptCode=${OTHER_DEPT}`, head)).status).toBe(403);
      expect((await api(path, otherHead)).status).toBe(404);
      expect((await api(`${path}/acknowledge`, otherHead, { method: 'POST', body: {} })).status).toBe(404);
      expect((await api(`${path}/acknowledge`, supervisor, { method: 'POST', body: {} })).status).toBe(403);
      expect((await api(`${path}/resolve`, head, { method: 'POST', body: {} })).body.code).toBe(
        'VALIDATION_FAILED',
      );
      expect((await api(`${path}/resolve`, head, { method: 'POST', body: { comment: '  ' } })).status).toBe(
        400,
      );

      const ack = await api(`${path}/acknowledge`, head, {
        method: 'POST',
        body: { comment: '已签收，责成承办人今日办结' },
      });
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({
        status: 'ACKNOWLEDGED',
        acknowledgedBy: 'head-1',
        kind: 'CASE_PROMISE',
      });
      const again = await api(`${path}/acknowledge`, head, { method: 'POST', body: {} });
      expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);

      const done = await api(`${path}/resolve`, head, {
        method: 'POST',
        body: { comment: '听证延误已说明，办件已加急办理' },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'RESOLVED',
        resolvedBy: 'head-1',
        resolution: '听证延误已说明，办件已加急办理',
      });
      const read = await api(path, supervisor);
      expect(
        (read.body.audit as Array<{ action: string; actorSub: string; comment: string | null }>).map((a) => [
          a.action,
          a.actorSub,
          a.comment,
        ]),
      ).toEqual([
        ['OPENED', 'system', null],
        ['ACKNOWLEDGED', 'head-1', '已签收，责成承办人今日办结'],
        ['RESOLVED', 'head-1', '听证延误已说明，办件已加急办理'],
      ]);
      const twice = await api(`${path}/resolve`, head, { method: 'POST', body: { comment: '再次办结' } });
      expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
      expect((await api(`/supervision/escalations/${randomUUID()}`, supervisor)).status).toBe(404);
    });
  });

  it('flags a second 补正 notice, a step returned, a step added, a changed workflow and work after completion', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    const first = randomUUID();
    await send(
      TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      caseNo,
      supplementRequested(r, 1, '2027-02-01T02:00:00.000Z', '2027-02-08'),
    );
    await send(
      TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      caseNo,
      supplementRequested(r, 2, '2027-02-02T02:00:00.000Z', '2027-02-09'),
    );
    await send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(r, '2027-02-03T02:00:00.000Z', '2027-02-17'));
    await send(
      TOPICS.APPROVAL_CASE_OPENED,
      caseNo,
      approvalOpened(r, first, '2027-02-03T03:00:00.000Z', '2027-02-17'),
    );
    await send(
      TOPICS.APPROVAL_STEP_RETURNED,
      caseNo,
      stepReturned(r, first, '2027-02-04T03:00:00.000Z', '2027-02-08'),
    );
    expect(await clock(caseNo, 'APPROVAL_STEP', '1')).toMatchObject({ due: '2027-02-08', closed_at: null });
    await send(
      TOPICS.APPROVAL_STEP_COMPLETED,
      caseNo,
      stepCompleted(r, first, 1, '2027-02-05T03:00:00.000Z'),
    );
    expect((await clock(caseNo, 'APPROVAL_STEP', '1')).closed_at).not.toBeNull();
    await send(
      TOPICS.APPROVAL_STEP_COMPLETED,
      caseNo,
      stepCompleted(r, first, 4, '2027-02-05T04:00:00.000Z'),
    );
    await send(
      TOPICS.APPROVAL_CASE_OPENED,
      caseNo,
      approvalOpened(r, randomUUID(), '2027-02-05T05:00:00.000Z', '2027-02-17', ['承办', '批准']),
    );
    await send(TOPICS.CASE_COMPLETED, caseNo, completed(r, '2027-02-08T02:00:00.000Z'));
    await send(
      TOPICS.APPROVAL_STEP_COMPLETED,
      caseNo,
      stepCompleted(r, first, 2, '2027-02-09T02:00:00.000Z'),
    );

    const view = await api(`/supervision/cases/${caseNo}`, supervisor);
    expect((view.body.flags as Array<{ kind: string }>).map((f) => f.kind)).toEqual([
      'SUPPLEMENT_REPEATED',
      'STEP_RETURNED',
      'STEP_ADDED',
      'WORKFLOW_CHANGED',
      'CASE_REOPENED',
    ]);
    expect(view.body).toMatchObject({ status: 'DONE', supplementNotices: 2, approvalsOpened: 2 });
    expect((view.body.clocks as Array<{ closedAt: string | null }>).every((k) => k.closedAt !== null)).toBe(
      true,
    );
    const page = await api(`/supervision/flags?kind=STEP_RETURNED&pageSize=100`, head);
    expect(
      (page.body.items as Array<{ caseNo: string; kindName: string }>).find((f) => f.caseNo === caseNo),
    ).toMatchObject({
      kindName: '审批环节退回',
    });
    expect(
      (
        (await api(`/supervision/flags?pageSize=100`, otherHead)).body.items as Array<{ caseNo: string }>
      ).some((f) => f.caseNo === caseNo),
    ).toBe(false);
  });

  it('watches 容缺 and 事后核查 deadlines and 差评整改: only the department’s clocks open 督办 items', async () => {
    const caseNo = uniqueCaseNo();
    const r = ref(caseNo, DEPT);
    await send(TOPICS.APPLICATION_ACCEPTED, caseNo, {
      ...accepted(r, '2027-03-01T02:00:00.000Z', '2027-03-15'),
      owedMaterials: [
        { code: 'M02', name: '卫生许可证明', dueDate: '2027-03-05' },
        { code: 'M03', name: '场所平面图', dueDate: '2027-03-08' },
      ],
    });
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, {
      ...r,
      materials: ['M03'],
      outstanding: ['M02'],
      suppliedAt: '2027-03-02T02:00:00.000Z',
    });
    expect((await clock(caseNo, 'DEFERRED_MATERIAL', 'M03')).closed_at).not.toBeNull();
    await send(TOPICS.CASE_POST_CHECK_DUE, caseNo, {
      ...r,
      postCheckNo: `HC${caseNo}`,
      commitmentNo: `CN${caseNo}`,
      dueDate: '2027-03-03',
      flaggedAt: '2027-03-04T00:00:00.000Z',
    });
    const rv = review(r, 1, '2', '2027-03-02T02:00:00.000Z');
    const order = badReview(r, rv.reviewId, 1, '2027-03-02T02:00:00.000Z', '2027-03-09');
    await send(TOPICS.REVIEW_SUBMITTED, caseNo, rv);
    await send(TOPICS.BAD_REVIEW_OPENED, caseNo, order);

    const fifth = (await sweep('2027-03-05T02:00:00Z')).changes.filter((c) => c.caseNo === caseNo);
    expect(await clock(caseNo, 'DEFERRED_MATERIAL', 'M02')).toMatchObject({
      light: 'YELLOW',
      remaining_working_days: 0,
    });
    const eighth = (await sweep('2027-03-08T02:00:00Z')).changes.filter((c) => c.caseNo === caseNo);
    expect(await clock(caseNo, 'DEFERRED_MATERIAL', 'M02')).toMatchObject({
      light: 'RED',
      remaining_working_days: -1,
    });
    expect(await clock(caseNo, 'POST_CHECK', `HC${caseNo}`)).toMatchObject({
      light: 'RED',
      remaining_working_days: -3,
    });
    // 03-08 → 03-09: one working day left of the 整改 deadline (yellow at 3 or fewer)
    expect(await clock(caseNo, 'RECTIFICATION', order.workOrderId)).toMatchObject({
      light: 'YELLOW',
      remaining_working_days: 1,
    });
    // The applicant's 容缺 deadline is no 督办 for the department; the overdue 事后核查 is.
    expect([...fifth, ...eighth].filter((c) => c.escalationId !== null).length).toBe(1);
    const items = (await api(`/supervision/escalations?pageSize=100`, head)).body.items as Array<{
      caseNo: string;
      kind: string;
    }>;
    expect(items.filter((x) => x.caseNo === caseNo).map((x) => x.kind)).toEqual(['POST_CHECK']);

    await send(TOPICS.CASE_POST_CHECK_FAILED, caseNo, {
      ...r,
      postCheckNo: `HC${caseNo}`,
      commitmentNo: `CN${caseNo}`,
      reason: '承诺内容与实际不符',
      checkedBy: '核查人员',
      checkedAt: '2027-03-08T06:00:00.000Z',
    });
    expect((await clock(caseNo, 'POST_CHECK', `HC${caseNo}`)).closed_at).not.toBeNull();
    const view = await api(`/supervision/cases/${caseNo}`, head);
    expect(
      (
        view.body.clocks as Array<{
          kind: string;
          ref: string;
          light: string | null;
          closedAt: string | null;
        }>
      ).map((k) => [k.kind, k.light, k.closedAt === null]),
    ).toEqual([
      ['CASE_PROMISE', 'GREEN', true],
      ['DEFERRED_MATERIAL', 'RED', true],
      ['DEFERRED_MATERIAL', null, false],
      ['RECTIFICATION', 'YELLOW', true],
      ['POST_CHECK', 'RED', false],
    ]);
  });

  describe('statistics reconcile with hand-computed values', () => {
    const X = companyUscc(); // a department of its own: nothing else in the database counts
    const REGION = '330106';
    const I1 = `${X}000111203000001`;
    const I2 = `${X}000111203000002`;
    const no = () => `${REGION}20280301${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const K = Array.from({ length: 7 }, () => no());
    const R = K.map((caseNo, i) => ref(caseNo, X, i === 0 ? I2 : I1));

    beforeAll(async () => {
      const [K1, K2, K3, K4, K5, K6, K7] = R;
      const approvalId = randomUUID();
      const procedureId = randomUUID();
      const r2 = review(K2, 2, '2', '2028-03-09T02:00:00.000Z');
      const r4 = review(K4, 1, '1', '2028-03-11T02:00:00.000Z');
      // 差评 work orders: K2's is rectified on time and followed up; K4's still open; a third (K3) is voided on appeal
      const o2 = badReview(K2, r2.reviewId, 2, '2028-03-09T02:00:00.000Z', '2028-04-20');
      const o4 = badReview(K4, r4.reviewId, 1, '2028-03-11T02:00:00.000Z', '2028-04-20');
      const o3 = badReview(K3, randomUUID(), 2, '2028-03-18T02:00:00.000Z', '2028-04-20');
      const events: Array<[string, string, unknown]> = [
        // K1 (item I2), online: accepted Wed 03-01, done Mon 03-06, promise 03-08 → on time; 120 h; 3 working days
        [TOPICS.APPLICATION_SUBMITTED, K1.caseNo, submitted(K1, '2028-03-01T01:00:00.000Z', '1')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K1.caseNo,
          accepted(K1, '2028-03-01T02:00:00.000Z', '2028-03-08', { promiseLimit: 5, visitLimit: 0 }),
        ],
        [
          TOPICS.CASE_COMPLETED,
          K1.caseNo,
          completed(K1, '2028-03-06T02:00:00.000Z', '0', '2', { visits: 0, visitLimit: 0 }),
        ],
        // K2, window: promise Fri 03-03, 听证 03-02 → 03-07 (3 working days) → promise 03-08; done 03-08 16:00 → on time; 173 h; 5 wd
        [TOPICS.APPLICATION_SUBMITTED, K2.caseNo, submitted(K2, '2028-03-01T01:00:00.000Z', '0')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K2.caseNo,
          accepted(K2, '2028-03-01T03:00:00.000Z', '2028-03-03', { promiseLimit: 2 }),
        ],
        [
          TOPICS.APPROVAL_CASE_SUSPENDED,
          K2.caseNo,
          suspended(K2, approvalId, procedureId, '2028-03-02T02:00:00.000Z', '2028-03-07'),
        ],
        [
          TOPICS.APPROVAL_CASE_RESUMED,
          K2.caseNo,
          resumed(K2, approvalId, procedureId, '2028-03-07T02:00:00.000Z', '2028-03-07', 3, '2028-03-08'),
        ],
        // K2 came twice (window submission, a 补正 at the window): visits 2 > 跑动次数 1
        [
          TOPICS.CASE_COMPLETED,
          K2.caseNo,
          completed(K2, '2028-03-08T08:00:00.000Z', '1', '2', { visits: 2 }),
        ],
        // K3, online: promise 03-03, done 03-09 → late; 168 h; 5 wd
        [TOPICS.APPLICATION_SUBMITTED, K3.caseNo, submitted(K3, '2028-03-02T01:00:00.000Z', '1')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K3.caseNo,
          accepted(K3, '2028-03-02T02:00:00.000Z', '2028-03-03', { promiseLimit: 2 }),
        ],
        [TOPICS.CASE_COMPLETED, K3.caseNo, completed(K3, '2028-03-09T02:00:00.000Z', '0')],
        // K4 即办件, online: accepted and done Fri 03-10 → same day, on time; 3.5 h; 0 wd
        [TOPICS.APPLICATION_SUBMITTED, K4.caseNo, submitted(K4, '2028-03-10T01:00:00.000Z', '1', '1')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K4.caseNo,
          accepted(K4, '2028-03-10T01:30:00.000Z', '2028-03-10', {
            projectType: '1',
            promiseLimit: 0,
            legalLimit: 5,
          }),
        ],
        [TOPICS.CASE_COMPLETED, K4.caseNo, completed(K4, '2028-03-10T05:00:00.000Z', '0', '1')],
        // K5 即办件, window: accepted Mon 03-13 16:00, done Tue 03-14 10:00 → not the same day, late; 18 h; 1 wd
        [TOPICS.APPLICATION_SUBMITTED, K5.caseNo, submitted(K5, '2028-03-13T07:00:00.000Z', '0', '1')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K5.caseNo,
          accepted(K5, '2028-03-13T08:00:00.000Z', '2028-03-13', {
            projectType: '1',
            promiseLimit: 0,
            legalLimit: 5,
          }),
        ],
        [
          TOPICS.CASE_COMPLETED,
          K5.caseNo,
          completed(K5, '2028-03-14T02:00:00.000Z', '0', '1', { visits: 1 }),
        ],
        // K6 即办件, online: withdrawn the same day (作废办结 2): not a decision
        [TOPICS.APPLICATION_SUBMITTED, K6.caseNo, submitted(K6, '2028-03-15T01:00:00.000Z', '1', '1')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K6.caseNo,
          accepted(K6, '2028-03-15T02:00:00.000Z', '2028-03-15', {
            projectType: '1',
            promiseLimit: 0,
            legalLimit: 5,
          }),
        ],
        [TOPICS.APPLICATION_WITHDRAWN, K6.caseNo, withdrawn(K6, '2028-03-15T03:00:00.000Z')],
        [TOPICS.CASE_COMPLETED, K6.caseNo, completed(K6, '2028-03-15T03:00:00.000Z', '2', '1')],
        // K7, online: promise Wed 03-22, still open → red on 03-27
        [TOPICS.APPLICATION_SUBMITTED, K7.caseNo, submitted(K7, '2028-03-20T01:00:00.000Z', '1')],
        [
          TOPICS.APPLICATION_ACCEPTED,
          K7.caseNo,
          accepted(K7, '2028-03-20T02:00:00.000Z', '2028-03-22', { promiseLimit: 2 }),
        ],
        // ratings (first): K1 5 pc, K2 2 mobile (差评), K3 4 default, K4 1 pc (差评), K5 3 default
        [TOPICS.REVIEW_SUBMITTED, K1.caseNo, review(K1, 5, '1', '2028-03-07T02:00:00.000Z')],
        [TOPICS.REVIEW_SUBMITTED, K2.caseNo, r2],
        [TOPICS.REVIEW_SUBMITTED, K3.caseNo, review(K3, 4, '7', '2028-03-17T02:00:00.000Z')],
        [TOPICS.REVIEW_SUBMITTED, K4.caseNo, r4],
        [TOPICS.REVIEW_SUBMITTED, K5.caseNo, review(K5, 3, '7', '2028-03-22T02:00:00.000Z')],
        // not counted: a second rating (二次评价) and a rating after the period
        [TOPICS.REVIEW_SUBMITTED, K2.caseNo, review(K2, 5, '1', '2028-03-20T02:00:00.000Z', 2)],
        [TOPICS.REVIEW_SUBMITTED, K7.caseNo, review(K7, 1, '1', '2028-04-02T02:00:00.000Z')],
        [TOPICS.BAD_REVIEW_OPENED, K2.caseNo, o2],
        [TOPICS.BAD_REVIEW_OPENED, K4.caseNo, o4],
        [TOPICS.BAD_REVIEW_OPENED, K3.caseNo, o3],
      ];
      // 一件事: B1 members 48 h + 72 h in parallel, bundle 72 h → 48 h saved; B2 24 h then 36 h, bundle 60 h → 0;
      // B3 failed; B4 still running; B5 has no member in department X.
      const other = companyUscc();
      const bno = () => `YJS${REGION}20280301${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
      const [B1, B2, B3, B4, B5] = [bno(), bno(), bno(), bno(), bno()];
      const b1 = [
        {
          itemCode: I1,
          deptCode: X,
          startedAt: '2028-03-01T01:00:00.000Z',
          endedAt: '2028-03-03T01:00:00.000Z',
        },
        {
          itemCode: 'OTHER-ITEM',
          deptCode: other,
          startedAt: '2028-03-01T01:00:00.000Z',
          endedAt: '2028-03-04T01:00:00.000Z',
        },
      ];
      const b2 = [
        {
          itemCode: I1,
          deptCode: X,
          startedAt: '2028-03-05T01:00:00.000Z',
          endedAt: '2028-03-06T01:00:00.000Z',
        },
        {
          itemCode: 'OTHER-ITEM',
          deptCode: other,
          startedAt: '2028-03-06T01:00:00.000Z',
          endedAt: '2028-03-07T13:00:00.000Z',
        },
      ];
      const b3 = [{ itemCode: I1, deptCode: X, outcome: 'FAILED' }];
      events.push(
        [TOPICS.BUNDLE_SUBMITTED, B1, bundleSubmitted(B1, b1, '2028-03-01T01:00:00.000Z')],
        [TOPICS.BUNDLE_COMPLETED, B1, bundleEnded(B1, 'COMPLETED', b1, '2028-03-04T01:00:00.000Z')],
        [TOPICS.BUNDLE_SUBMITTED, B2, bundleSubmitted(B2, b2, '2028-03-05T01:00:00.000Z')],
        [TOPICS.BUNDLE_COMPLETED, B2, bundleEnded(B2, 'COMPLETED', b2, '2028-03-07T13:00:00.000Z')],
        [TOPICS.BUNDLE_SUBMITTED, B3, bundleSubmitted(B3, b3, '2028-03-10T01:00:00.000Z')],
        [TOPICS.BUNDLE_FAILED, B3, bundleEnded(B3, 'FAILED', b3, '2028-03-12T01:00:00.000Z')],
        [TOPICS.BUNDLE_SUBMITTED, B4, bundleSubmitted(B4, b3, '2028-03-30T01:00:00.000Z')],
        [
          TOPICS.BUNDLE_SUBMITTED,
          B5,
          bundleSubmitted(B5, [{ itemCode: 'OTHER-ITEM', deptCode: other }], '2028-03-02T01:00:00.000Z'),
        ],
      );
      const ids: string[] = [];
      for (const [topic, key, payload] of events) ids.push(await t.producer.send(topic, key, payload));
      await processed(ids);
      // what became of the work orders (after they exist: another topic)
      await processed([
        await t.producer.send(
          TOPICS.BAD_REVIEW_RECTIFIED,
          K2.caseNo,
          badReviewRectified(o2, '2028-03-15T02:00:00.000Z'),
        ),
        await t.producer.send(
          TOPICS.BAD_REVIEW_CLOSED,
          K2.caseNo,
          badReviewClosed(o2, '2028-03-16T02:00:00.000Z'),
        ),
        await t.producer.send(
          TOPICS.BAD_REVIEW_CLOSED,
          K3.caseNo,
          badReviewClosed(o3, '2028-03-20T02:00:00.000Z', 'VOIDED'),
        ),
      ]);
      await sweep('2028-03-27T02:00:00Z');
    });

    const stats = async (query: string, token = supervisor) => {
      const r = await api(
        `/supervision/statistics?from=2028-03-01&to=2028-03-31&deptCode=${X}&${query}`,
        token,
      );
      expect(r.status).toBe(200);
      const metrics = r.body.metrics as Array<{
        key: string;
        numerator: number | null;
        denominator: number | null;
        value: number | null;
        formula: string;
      }>;
      const m = (key: string) => {
        const x = metrics.find((y) => y.key === key);
        if (!x) throw new Error(`no ${key}`);
        return [x.numerator, x.denominator, x.value];
      };
      return { body: r.body, m, metrics };
    };

    it('computes every number of the period from the projected events', async () => {
      const { body, m, metrics } = await stats(`region=${REGION}`);
      // 办结 (0/1/4) in March: K1..K5. On time: K1 (03-06 ≤ 03-08), K2 (03-08 ≤ 03-03 + 3 paused), K4 → 3 of 5.
      expect(m('onTimeCompletionRate')).toEqual([3, 5, 0.6]);
      expect(m('overdueCompleted')).toEqual([2, 5, 2]);
      expect(m('openOverdue')).toEqual([1, null, 1]); // K7
      // hours 120 + 173 + 168 + 3.5 + 18 = 482.5 → 96.5; p90 = the 5th of 5 = 173
      expect(m('timeToResultHoursAverage')).toEqual([482.5, 5, 96.5]);
      expect(m('timeToResultHoursP90')).toEqual([5, 5, 173]);
      // working days 3 + 5 + 5 + 0 + 1 = 14 → 2.8; p90 = 5
      expect(m('timeToResultWorkingDaysAverage')).toEqual([14, 5, 2.8]);
      expect(m('timeToResultWorkingDaysP90')).toEqual([5, 5, 5]);
      // 即办件 accepted in March: K4, K5, K6; decided the same day: K4
      expect(m('immediateSameDayRate')).toEqual([1, 3, 0.3333]);
      // submitted online: K1, K3, K4, K6, K7 of 7
      expect(m('onlineSubmissionRate')).toEqual([5, 7, 0.7143]);
      // first ratings in March: 5, 2, 4, 1, 3 → satisfied (≥ 3) 3; 差评 2; active (not pf 7): K1, K2, K4
      expect(m('satisfactionRate')).toEqual([3, 5, 0.6]);
      expect(m('badReviewRate')).toEqual([2, 5, 0.4]);
      expect(m('activeRatingRate')).toEqual([3, 5, 0.6]);
      // work orders opened in March: o2, o4, o3; o3 voided → 2 counted; o2 rectified on time and followed up
      expect(m('badReviewRectifiedRate')).toEqual([1, 2, 0.5]);
      expect(m('badReviewRectifiedOnTimeRate')).toEqual([1, 1, 1]);
      expect(m('revisitRate')).toEqual([1, 2, 0.5]);
      // visits of K1..K5: 0, 2, 0, 0, 1 → ≤ 1: 4; 0: 3; within the item's 跑动次数 (K1 0, others 1): all but K2
      expect(m('atMostOneVisitRate')).toEqual([4, 5, 0.8]);
      expect(m('zeroVisitRate')).toEqual([3, 5, 0.6]);
      expect(m('visitPromiseKeptRate')).toEqual([4, 5, 0.8]);
      // items accepted in March: I2 (跑动次数 0), I1 (1)
      expect(m('itemAtMostOneVisitRate')).toEqual([2, 2, 1]);
      expect(m('itemZeroVisitRate')).toEqual([1, 2, 0.5]);
      expect(metrics.every((x) => x.formula.length > 0)).toBe(true);
      expect(body.satisfactionByDepartment).toEqual([
        { deptCode: X, deptName: '杭州市市场监督管理局', ratings: 5, satisfied: 3, value: 0.6 },
      ]);
      const lights = body.lights as Array<{ kind: string; green: number; yellow: number; red: number }>;
      expect(lights.find((l) => l.kind === 'CASE_PROMISE')).toEqual({
        kind: 'CASE_PROMISE',
        green: 0,
        yellow: 0,
        red: 1,
      });
      expect(lights.find((l) => l.kind === 'RECTIFICATION')).toEqual({
        kind: 'RECTIFICATION',
        green: 1, // o4; o2 rectified and o3 voided closed theirs
        yellow: 0,
        red: 0,
      });
      // bundles with a member in X: filed B1..B4; completed B1, B2; failed B3; saved 48 h of 72 + 48 + 24 + 36 = 180 h
      expect(body.bundles).toMatchObject({
        submitted: 4,
        completed: 2,
        partiallyCompleted: 0,
        failed: 1,
        withdrawn: 0,
        timeSavedHours: 48,
      });
      expect(
        (body.bundles as { timeSaved: { numerator: number; denominator: number; value: number } }).timeSaved,
      ).toMatchObject({
        numerator: 48,
        denominator: 180,
        value: 0.2667,
      });
      const pc = body.promiseCompression as {
        average: { available: boolean; numerator: number; denominator: number; value: number };
        perItem: Array<{
          itemCode: string;
          promiseLimit: number;
          legalLimit: number;
          cases: number;
          value: number;
        }>;
      };
      // 1 − 0/5 = 1 (即办件 K4..K6), 1 − 2/20 = 0.9 (K2, K3, K7), 1 − 5/20 = 0.75 (K1) → 2.65 / 3
      expect(pc.average).toMatchObject({ available: true, numerator: 2.65, denominator: 3, value: 0.8833 });
      expect(pc.perItem.map((i) => [i.itemCode, i.promiseLimit, i.legalLimit, i.cases, i.value])).toEqual([
        [I1, 0, 5, 3, 1],
        [I1, 2, 20, 3, 0.9],
        [I2, 5, 20, 1, 0.75],
      ]);
    });

    it('filters by channel, item and region', async () => {
      const window = await stats('channel=0');
      // window cases: K2 (on time), K5 (late, 即办件 not the same day); ratings K2 (2, mobile), K5 (3, default)
      expect(window.m('onTimeCompletionRate')).toEqual([1, 2, 0.5]);
      expect(window.m('immediateSameDayRate')).toEqual([0, 1, 0]);
      expect(window.m('onlineSubmissionRate')).toEqual([0, 2, 0]);
      expect(window.m('satisfactionRate')).toEqual([1, 2, 0.5]);
      expect(window.m('activeRatingRate')).toEqual([1, 2, 0.5]);
      const item = await stats(`itemCode=${I2}`);
      expect(item.m('onTimeCompletionRate')).toEqual([1, 1, 1]);
      expect(item.m('satisfactionRate')).toEqual([1, 1, 1]);
      const elsewhere = await stats('region=999999');
      expect(elsewhere.m('onTimeCompletionRate')).toEqual([0, 0, null]);
      expect(elsewhere.m('satisfactionRate')).toEqual([0, 0, null]);
    });

    it('refuses a foreign department, a reversed or too long period and malformed filters', async () => {
      expect((await api(`/supervision/statistics?deptCode=${X}`, head)).body.code).toBe('FORBIDDEN');
      const own = await api('/supervision/statistics?from=2028-03-01&to=2028-03-31', head);
      expect(own.status).toBe(200);
      expect((own.body.filters as { deptCode: string }).deptCode).toBe(DEPT);
      for (const q of [
        'from=2028-03-31&to=2028-03-01',
        'from=2026-01-01&to=2028-03-01',
        'from=2028-02-30&to=2028-03-01',
        'from=20280301',
        'channel=9',
        'region=3301',
        'deptCode=abc',
      ]) {
        const r = await api(`/supervision/statistics?${q}`, supervisor);
        expect([q, r.status, r.body.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      }
    });
  });
});
