import { TOPICS } from '@app/shared/contracts';
import { startServiceUnderTest, ServiceUnderTest, testToken, testWorkCalendar } from '@app/shared/testing';
import { FlagOverdueReceiptsUseCase } from '../src/applications/use-cases/flag-overdue-receipts/flag-overdue-receipts.use-case';
import { AppModule } from '../src/app.module';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';
const GA = '11330100002491026R';

interface Feedback {
  id: string;
  caseNo: string;
  deptCode: string;
  reason: string;
  status: string;
  answer: string | null;
  answeredBy: string | null;
}
interface Body {
  code?: string;
  caseNo: string;
  status: string;
  submittedAt: string;
  deemedAccepted: boolean;
  deemedAcceptedAt: string | null;
  acceptance: { promiseDate: string } | null;
  feedback?: Feedback[];
  items: Feedback[];
  total: number;
  entries: Array<{ action: string; title: { zh: string; en: string }; detail: Record<string, unknown> }>;
}

/** "办不成事" feedback answered by the department's chief, and the 行政许可法 Art. 32 flag, on the real stack. */
describe('办不成事 feedback and the Art. 32 flag (integration)', () => {
  let t: ServiceUnderTest;
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicant = testToken({ sub: 'citizen-fb', roles: ['applicant'], name: '赵六' });
  const stranger = testToken({ sub: 'citizen-fb-other', roles: ['applicant'], name: '王五' });
  const clerk = testToken({ sub: 'clerk-fb', roles: ['clerk'], name: '窗口', dept: SCJG });
  const chief = testToken({ sub: 'chief-fb', roles: ['chief'], name: '首席代表', dept: SCJG });
  const otherChief = testToken({ sub: 'chief-fb-ga', roles: ['chief'], name: '公安首席', dept: GA });
  const admin = testToken({ sub: 'admin-fb', roles: ['admin'], name: '管理员' });
  let food: { taskCode: string };

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: r.status, body: json as unknown as Body & Feedback };
  };
  const submit = async () => {
    const r = await call('POST', '/applications', applicant, {
      itemCode: food.taskCode,
      applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '赵六' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    });
    expect(r.status).toBe(201);
    return r.body.caseNo;
  };
  const raise = (caseNo: string, body: unknown, token = applicant) =>
    call('POST', `/applications/${caseNo}/cannot-get-done`, token, body);
  const answer = (caseNo: string, id: string, body: unknown, token = chief) =>
    call('POST', `/applications/${caseNo}/cannot-get-done/${id}/answer`, token, body);
  const feedbackRows = async (caseNo: string) =>
    (
      await t.pg.query<{ status: string; answer: string | null }>(
        'SELECT status, answer FROM case_feedback WHERE case_no = $1 ORDER BY raised_at',
        [caseNo],
      )
    ).rows;
  const timelineCount = (caseNo: string) =>
    t.count('SELECT count(*) AS n FROM case_timeline WHERE case_no = $1', [caseNo]);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [TOPICS.CASE_FEEDBACK_RAISED, TOPICS.CASE_FEEDBACK_ANSWERED, TOPICS.CASE_RECEIPT_OVERDUE],
      env: { REGION_CODE: region },
    });
    const items = (await (await fetch(`${t.svc.url}/items?keyword=%E9%A3%9F%E5%93%81`)).json()) as {
      items: Array<{ taskCode: string; name: string }>;
    };
    food = items.items.find((i) => i.name === '食品经营许可')!;
  });

  afterAll(() => t.stop());

  it('raises feedback, lists it for the chief, answers it in writing, all on the timeline and the case', async () => {
    const caseNo = await submit();
    const raised = await raise(caseNo, { reason: '材料齐全, 三天没有受理\n窗口说系统故障' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ caseNo, deptCode: SCJG, status: 'OPEN', answer: null });
    const id = raised.body.id;

    const open = await call('GET', '/applications/feedback?status=OPEN&page=1&pageSize=50', chief);
    expect(open.status).toBe(200);
    expect(open.body.items.map((f) => f.id)).toContain(id);
    expect(open.body).toMatchObject({ page: 1, pageSize: 50 });
    const asAdmin = await call('GET', '/applications/feedback', admin);
    expect(asAdmin.body.items.map((f) => f.id)).toContain(id);
    const otherDept = await call('GET', '/applications/feedback', otherChief);
    expect([otherDept.status, otherDept.body.items.map((f) => f.id)]).toEqual([200, []]);
    // Not a case number: the static route wins, and only chiefs and admins may list.
    expect((await call('GET', '/applications/feedback', clerk)).body.code).toBe('FORBIDDEN');
    expect((await call('GET', '/applications/feedback', applicant)).status).toBe(403);

    const answered = await answer(caseNo, id, { answer: '已督办窗口, 今日受理。\n如有疑问请致电。' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ id, status: 'ANSWERED', answeredBy: '首席代表' });
    expect((await answer(caseNo, id, { answer: '再答一次' })).body.code).toBe('INVALID_STATE');

    const list = await call('GET', '/applications/feedback?status=ANSWERED', chief);
    expect(list.body.items.map((f) => f.id)).toContain(id);
    expect(
      (await call('GET', '/applications/feedback?status=OPEN', chief)).body.items.map((f) => f.id),
    ).not.toContain(id);

    const timeline = await call('GET', `/applications/${caseNo}/timeline`, applicant);
    expect(timeline.body.entries.filter((e) => e.action.startsWith('FEEDBACK'))).toEqual([
      expect.objectContaining({
        action: 'FEEDBACK_RAISED',
        title: { zh: '办不成事反映', en: 'Cannot-get-done feedback raised' },
      }),
      expect.objectContaining({
        action: 'FEEDBACK_ANSWERED',
        title: { zh: '办不成事答复', en: 'Feedback answered' },
      }),
    ]);
    const view = await call('GET', `/applications/${caseNo}`, applicant);
    expect(view.body.feedback).toEqual([
      expect.objectContaining({ id, status: 'ANSWERED', answer: '已督办窗口, 今日受理。\n如有疑问请致电。' }),
    ]);
    // Both events, in the outbox with the state change; the applicant only as the events carry it.
    const raisedEv = await t.collector.waitForMessage(TOPICS.CASE_FEEDBACK_RAISED, (m) => m.key === caseNo);
    expect(raisedEv.value).toEqual({
      caseNo,
      itemCode: food.taskCode,
      itemName: '食品经营许可',
      deptCode: SCJG,
      deptName: expect.any(String),
      feedbackId: id,
      applicant: {
        userProp: '2',
        name: '杭州测试餐饮有限公司',
        certType: '001',
        certMasked: GA,
        certHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      reason: '材料齐全, 三天没有受理\n窗口说系统故障',
      raisedAt: expect.any(String),
    });
    const answeredEv = await t.collector.waitForMessage(
      TOPICS.CASE_FEEDBACK_ANSWERED,
      (m) => m.key === caseNo,
    );
    expect(answeredEv.value).toMatchObject({
      caseNo,
      feedbackId: id,
      answer: '已督办窗口, 今日受理。\n如有疑问请致电。',
      answeredBy: '首席代表',
      raisedAt: (raisedEv.value as { raisedAt: string }).raisedAt,
    });
    // Answered: a new item may be raised; an ID or phone number in it never leaves intake in clear.
    const again = await raise(caseNo, { reason: '仍未受理, 身份证110101199003071234 电话13812345678' });
    expect(again.status).toBe(201);
    const againEv = await t.collector.waitForMessage(
      TOPICS.CASE_FEEDBACK_RAISED,
      (m) => (m.value as { feedbackId?: string }).feedbackId === again.body.id,
    );
    expect(againEv.value).toMatchObject({ reason: '仍未受理, 身份证110101********1234 电话138****5678' });
  });

  it('refuses a second open item (409), strangers (404), a clerk (403), another chief (404) and bad input (400), writing nothing', async () => {
    const caseNo = await submit();
    const first = await raise(caseNo, { reason: '第一次反映' });
    expect(first.status).toBe(201);
    const before = { rows: await feedbackRows(caseNo), timeline: await timelineCount(caseNo) };
    const problems: string[] = [];
    const expectRefusal = async (what: string, p: ReturnType<typeof call>, status: number, code: string) => {
      const r = await p;
      if (r.status !== status || r.body.code !== code) problems.push(`${what}: ${r.status} ${r.body.code}`);
    };
    await expectRefusal('second open', raise(caseNo, { reason: '第二次反映' }), 409, 'INVALID_STATE');
    await expectRefusal('stranger', raise(caseNo, { reason: '别人的办件' }, stranger), 404, 'CASE_NOT_FOUND');
    await expectRefusal('clerk raises', raise(caseNo, { reason: '窗口' }, clerk), 403, 'FORBIDDEN');
    await expectRefusal(
      'clerk answers',
      answer(caseNo, first.body.id, { answer: '窗口答复' }, clerk),
      403,
      'FORBIDDEN',
    );
    await expectRefusal(
      'other chief',
      answer(caseNo, first.body.id, { answer: '公安答复' }, otherChief),
      404,
      'CASE_NOT_FOUND',
    );
    await expectRefusal('empty reason', raise(caseNo, { reason: '   ' }), 400, 'VALIDATION_FAILED');
    await expectRefusal('long reason', raise(caseNo, { reason: '长'.repeat(501) }), 400, 'VALIDATION_FAILED');
    await expectRefusal('no reason', raise(caseNo, {}), 400, 'VALIDATION_FAILED');
    await expectRefusal(
      'short answer',
      answer(caseNo, first.body.id, { answer: '好' }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefusal(
      'long answer',
      answer(caseNo, first.body.id, { answer: '答'.repeat(1001) }),
      400,
      'VALIDATION_FAILED',
    );
    await expectRefusal(
      'unknown item',
      answer(caseNo, '00000000-0000-4000-8000-000000000000', { answer: '答复内容' }),
      404,
      'NOT_FOUND',
    );
    await expectRefusal(
      'bad status',
      call('GET', '/applications/feedback?status=NEW', chief),
      400,
      'VALIDATION_FAILED',
    );
    expect(problems).toEqual([]);
    expect({ rows: await feedbackRows(caseNo), timeline: await timelineCount(caseNo) }).toEqual(before);
  });

  it('flags a case not decided within 5 working days of receipt (Art. 32), not a recent one; 受理 then counts from receipt', async () => {
    const old = await submit();
    const recent = await submit();
    // Received a month ago, never decided.
    await t.pg.query(`UPDATE cases SET submitted_at = submitted_at - interval '30 days' WHERE case_no = $1`, [
      old,
    ]);
    const sweep = t.svc.app.get(FlagOverdueReceiptsUseCase, { strict: false });
    const flagged = await sweep.execute({ now: new Date(Date.now() + 3_600_000) });
    expect(flagged).toContain(old);
    expect(flagged).not.toContain(recent);
    expect(await sweep.execute({ now: new Date(Date.now() + 3_600_000) })).not.toContain(old);
    const overdue = await t.collector.waitForMessage(TOPICS.CASE_RECEIPT_OVERDUE, (m) => m.key === old);
    const oldSubmittedAt = (
      await t.pg.query<{ submitted_at: Date }>('SELECT submitted_at FROM cases WHERE case_no = $1', [old])
    ).rows[0].submitted_at;
    expect(overdue.value).toMatchObject({
      caseNo: old,
      submittedAt: oldSubmittedAt.toISOString(),
      deadline: testWorkCalendar().addWorkingDays(testWorkCalendar().toShanghaiDate(oldSubmittedAt), 5),
      pausedWorkingDays: 0,
    });
    const overdueRows = (key: string) =>
      t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2', [
        key,
        TOPICS.CASE_RECEIPT_OVERDUE,
      ]);
    expect([await overdueRows(old), await overdueRows(recent)]).toEqual([1, 0]);

    const view = await call('GET', `/applications/${old}`, applicant);
    expect(view.body).toMatchObject({ status: 'SUBMITTED', deemedAccepted: true });
    expect(view.body.deemedAcceptedAt).toEqual(expect.any(String));
    expect((await call('GET', `/applications/${recent}`, applicant)).body).toMatchObject({
      deemedAccepted: false,
      deemedAcceptedAt: null,
    });
    const timeline = await call('GET', `/applications/${old}/timeline`, applicant);
    expect(timeline.body.entries.map((e) => e.action)).toContain('DEEMED_ACCEPTED');
    expect(timeline.body.entries.find((e) => e.action === 'DEEMED_ACCEPTED')?.title).toEqual({
      zh: '逾期未告知，视为受理',
      en: 'Deemed accepted (Art. 32)',
    });

    const accepted = await call('POST', `/applications/${old}/accept`, clerk, {});
    expect(accepted.status).toBe(200);
    const item = (
      await t.pg.query<{ promise_limit: number; promise_unit: '1' }>(
        'SELECT promise_limit, promise_unit FROM service_items WHERE task_code = $1',
        [food.taskCode],
      )
    ).rows[0];
    const fromReceipt = testWorkCalendar().dueDate(
      new Date(view.body.submittedAt),
      item.promise_limit,
      item.promise_unit,
    ).dueDate;
    expect(accepted.body.acceptance?.promiseDate).toBe(fromReceipt);
    expect(fromReceipt).not.toBe(
      testWorkCalendar().dueDate(new Date(), item.promise_limit, item.promise_unit).dueDate,
    );

    const recentAccepted = await call('POST', `/applications/${recent}/accept`, clerk, {});
    expect(recentAccepted.body.acceptance?.promiseDate).toBe(
      testWorkCalendar().dueDate(new Date(), item.promise_limit, item.promise_unit).dueDate,
    );
  });
});
