import { TOPICS } from '@app/shared/contracts';
import { startServiceUnderTest, ServiceUnderTest, testToken, testWorkCalendar } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { IntakeConfig } from '../src/config/intake.config';
import { FlagOverdueReceiptsUseCase } from '../src/applications/use-cases/flag-overdue-receipts/flag-overdue-receipts.use-case';
import { FlagOverdueRefusalsUseCase } from '../src/applications/use-cases/flag-overdue-refusals/flag-overdue-refusals.use-case';
import { SupplementApplicationUseCase } from '../src/applications/use-cases/supplement-application/supplement-application.use-case';

const SCJG = '113301000024901620';
const GA = '11330100002491026R';

interface Body {
  code?: string;
  caseNo: string;
  status: string;
  acceptance: { promiseDate: string } | null;
  refusalProposal: { proposedAt: string; confirmDueAt: string | null; overdueAt: string | null } | null;
  entries: Array<{ action: string; detail: Record<string, unknown> }>;
}

/**
 * 窗口无否决权 with the chief's time limit (REFUSAL_CONFIRM_WORKDAYS, escalation once across replicas), and
 * the promise counted from receipt (Art. 32) across National Day 2026 with a 补正 pause in the middle, on
 * the real PostgreSQL and Kafka.
 */
describe('refusal confirmation deadline and the clock across a holiday (integration)', () => {
  let t: ServiceUnderTest;
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicantSub = 'citizen-holiday';
  const applicant = testToken({ sub: applicantSub, roles: ['applicant'], name: '赵六' });
  const clerk = testToken({ sub: 'clerk-holiday', roles: ['clerk'], name: '窗口', dept: SCJG });
  const chief = testToken({ sub: 'chief-holiday', roles: ['chief'], name: '首席代表', dept: SCJG });
  const admin = testToken({ sub: 'admin-holiday', roles: ['admin'], name: '管理员' });
  const calendar = testWorkCalendar();
  let foodCode: string;

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Body };
  };
  const submit = async (itemCode = foodCode) => {
    const r = await call('POST', '/applications', applicant, {
      itemCode,
      applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '赵六' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    });
    expect(r.status).toBe(201);
    return r.body.caseNo;
  };
  const propose = async (caseNo: string) => {
    const r = await call('POST', `/applications/${caseNo}/reject`, clerk, {
      reason: '不属于本部门职权范围',
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    });
    expect(r.status).toBe(200);
    return r.body;
  };
  const outboxRows = (caseNo: string, topic: string) =>
    t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2', [caseNo, topic]);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [
        TOPICS.APPLICATION_REFUSAL_CONFIRMATION_OVERDUE,
        TOPICS.CASE_CLOCK_RESUMED,
        TOPICS.CASE_RECEIPT_OVERDUE,
        TOPICS.APPLICATION_ACCEPTED,
      ],
      env: { REGION_CODE: region, REFUSAL_CONFIRM_WORKDAYS: '2' },
    });
    const items = (await (await fetch(`${t.svc.url}/items?keyword=%E9%A3%9F%E5%93%81`)).json()) as {
      items: Array<{ taskCode: string; name: string }>;
    };
    foodCode = items.items.find((i) => i.name === '食品经营许可')!.taskCode;
  });

  afterAll(() => t.stop());

  it('escalates a refusal proposal the chief left undecided past REFUSAL_CONFIRM_WORKDAYS, once across replicas, without deciding it', async () => {
    const caseNo = await submit();
    const decidedInTime = await submit();
    const proposal = (await propose(caseNo)).refusalProposal!;
    await propose(decidedInTime);
    // REFUSAL_CONFIRM_WORKDAYS=2: the end (Asia/Shanghai) of the second working day after the proposal.
    const due = calendar.dueDate(new Date(proposal.proposedAt), 2, '1');
    expect(proposal).toMatchObject({ confirmDueAt: due.dueAt.toISOString(), overdueAt: null });
    expect(
      calendar.workingDaysBetween(calendar.toShanghaiDate(new Date(proposal.proposedAt)), due.dueDate),
    ).toBe(2);
    const overturned = await call('POST', `/applications/${decidedInTime}/refusal/overturn`, chief, {
      opinion: '材料齐全, 应予受理',
    });
    expect(overturned.body.status).toBe('ACCEPTED');

    const sweep = t.svc.app.get(FlagOverdueRefusalsUseCase, { strict: false });
    // Still within the chief's time: nothing.
    expect(await sweep.execute({ now: new Date(due.dueAt.getTime() - 60_000) })).not.toContain(caseNo);
    // Past it, two replicas sweeping at once: one escalates, the other skips.
    const after = new Date(due.dueAt.getTime() + 60_000);
    const runs = await Promise.all([sweep.execute({ now: after }), sweep.execute({ now: after })]);
    expect(runs.flat().filter((c) => c === caseNo)).toEqual([caseNo]);
    expect(runs.flat()).not.toContain(decidedInTime);
    expect(await sweep.execute({ now: new Date(after.getTime() + 86_400_000) })).not.toContain(caseNo);

    const view = await call('GET', `/applications/${caseNo}`, clerk);
    expect(view.body).toMatchObject({ status: 'REFUSAL_PROPOSED', acceptance: null });
    expect(view.body.refusalProposal?.overdueAt).toBe(after.toISOString());
    const timeline = await call('GET', `/applications/${caseNo}/timeline`, clerk);
    expect(timeline.body.entries.filter((e) => e.action === 'REFUSAL_CONFIRMATION_OVERDUE')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ confirmDueDate: due.dueDate }) }),
    ]);
    const ev = await t.collector.waitForMessage(
      TOPICS.APPLICATION_REFUSAL_CONFIRMATION_OVERDUE,
      (m) => m.key === caseNo,
    );
    expect(ev.value).toMatchObject({
      caseNo,
      reason: '不属于本部门职权范围',
      proposedBy: '窗口',
      proposedAt: proposal.proposedAt,
      confirmDueDate: due.dueDate,
      confirmDueAt: due.dueAt.toISOString(),
      flaggedAt: after.toISOString(),
    });
    expect(await outboxRows(caseNo, TOPICS.APPLICATION_REFUSAL_CONFIRMATION_OVERDUE)).toBe(1);
    expect(await outboxRows(decidedInTime, TOPICS.APPLICATION_REFUSAL_CONFIRMATION_OVERDUE)).toBe(0);

    // Escalated, not decided: the chief still decides (here: confirms the refusal).
    const confirmed = await call('POST', `/applications/${caseNo}/refusal/confirm`, chief, {
      opinion: '同意',
    });
    expect([confirmed.status, confirmed.body.status]).toEqual([200, 'NOT_ACCEPTED']);
  });

  it('counts the promise from receipt across National Day 2026 with a 补正 pause in the middle, to the exact day', async () => {
    const caseNo = await submit();
    const n = await call('POST', `/applications/${caseNo}/supplement-notice`, clerk, {
      materials: [{ code: 'M01', reason: '申请书缺少法定代表人签字' }],
    });
    expect(n.status).toBe(200);
    // Received Monday 2026-09-28 10:00, the notice on Tuesday 09-29 10:00 (Asia/Shanghai).
    const receivedAt = new Date('2026-09-28T02:00:00Z');
    const pausedAt = new Date('2026-09-29T02:00:00Z');
    await t.pg.query(`UPDATE cases SET submitted_at = $2, paused_at = $3 WHERE case_no = $1`, [
      caseNo,
      receivedAt,
      pausedAt,
    ]);
    await t.pg.query(`UPDATE case_pauses SET started_at = $2 WHERE case_no = $1`, [caseNo, pausedAt]);
    await t.pg.query(`UPDATE supplement_notices SET issued_at = $2 WHERE case_no = $1`, [caseNo, pausedAt]);

    // Supplied Friday 10-09 10:00, across the holidays 10-01…10-07: the clock stood still for 3 working
    // days (09-30, 10-08, 10-09).
    const suppliedAt = new Date('2026-10-09T02:00:00Z');
    const supplement = t.svc.app.get(SupplementApplicationUseCase, { strict: false });
    const user = { sub: applicantSub, name: '赵六', roles: ['applicant' as const], token: applicant };
    const supplied = await supplement.execute({
      user,
      caseNo,
      materials: [{ code: 'M01', fileName: '补正-M01.pdf' }],
      now: suppliedAt,
    });
    expect(supplied).toMatchObject({ status: 'SUBMITTED', pausedDays: 3 });
    const resumed = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_RESUMED, (m) => m.key === caseNo);
    expect(resumed.value).toMatchObject({
      reason: 'SUPPLEMENT',
      pauseRef: `BZ${caseNo}-1`,
      pauseStartedAt: pausedAt.toISOString(),
      pauseEndedAt: suppliedAt.toISOString(),
      pausedWorkingDays: 3,
      totalPausedDays: 3,
      promiseDate: null,
    });

    // Art. 32: 5 + 3 working days from 09-28 → 09-29, 09-30, 10-08, 10-09, 10-10 (调休 Saturday), 10-12,
    // 10-13, 10-14: still in time on 10-14, flagged on 10-15.
    const receipts = t.svc.app.get(FlagOverdueReceiptsUseCase, { strict: false });
    expect(await receipts.execute({ now: new Date('2026-10-14T10:00:00Z') })).not.toContain(caseNo);
    expect(await receipts.execute({ now: new Date('2026-10-15T01:00:00Z') })).toContain(caseNo);
    const overdue = await t.collector.waitForMessage(TOPICS.CASE_RECEIPT_OVERDUE, (m) => m.key === caseNo);
    expect(overdue.value).toMatchObject({ deadline: '2026-10-14', pausedWorkingDays: 3 });

    // 受理 now: the promise (5 working days) counts from receipt — 10-10, the 调休 Saturday — and moves on
    // by the 3 paused working days: 10-12, 10-13, 10-14.
    expect(calendar.dueDate(receivedAt, 5, '1').dueDate).toBe('2026-10-10');
    const accepted = await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptance?.promiseDate).toBe('2026-10-14');
    const acc = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    expect(acc.value).toMatchObject({ promiseDate: '2026-10-14' });
    const timeline = await call('GET', `/applications/${caseNo}/timeline`, clerk);
    expect(timeline.body.entries.find((e) => e.action === 'ACCEPTED')?.detail).toMatchObject({
      promiseDate: '2026-10-14',
      promiseCountedFrom: receivedAt.toISOString(),
      pausedWorkingDays: 3,
      caseClock: 'working',
      pausedCaseDays: 3,
    });
  });

  it('moves the promise of a 自然日 item by the natural days of the 补正 pause across National Day, to the exact day', async () => {
    // An item promising 5 natural days (自然日, unit 2), with the food item's form and materials.
    const taskCode = `${SCJG}000111294000001`;
    const m = (code: string) => ({
      code,
      name: `材料${code}`,
      required: true,
      format: '电子',
      source: '申请人自备',
      key: true,
    });
    const created = await call('POST', '/items', admin, {
      taskCode,
      catalogCode: '000111294000',
      name: '自然日计时测试许可',
      taskType: '01',
      deptCode: SCJG,
      deptName: '杭州市市场监督管理局',
      legalLimit: { value: 20, unit: '2' },
      promiseLimit: { value: 5, unit: '2' },
      projectType: '2',
      visitCount: 0,
      serverTypes: ['2'],
      materials: ['M01', 'M02', 'M03', 'M04'].map(m),
      formFields: [
        { key: 'premises', label: '经营场所', required: true },
        { key: 'businessScope', label: '经营项目', required: true },
        { key: 'legalRepresentative', label: '法定代表人', required: true },
      ],
      yieldsLicence: false,
      legalBasis: '《测试条例》第一条',
      onlineDepth: '4',
    });
    expect(created.status).toBe(201);
    expect((await call('POST', `/items/${taskCode}/publish`, admin)).status).toBe(200);

    const caseNo = await submit(taskCode);
    const n = await call('POST', `/applications/${caseNo}/supplement-notice`, clerk, {
      materials: [{ code: 'M01', reason: '申请书缺少法定代表人签字' }],
    });
    expect(n.status).toBe(200);
    // Received Monday 2026-09-28 10:00, the notice on Tuesday 09-29 10:00 (Asia/Shanghai).
    const receivedAt = new Date('2026-09-28T02:00:00Z');
    const pausedAt = new Date('2026-09-29T02:00:00Z');
    await t.pg.query(`UPDATE cases SET submitted_at = $2, paused_at = $3 WHERE case_no = $1`, [
      caseNo,
      receivedAt,
      pausedAt,
    ]);
    await t.pg.query(`UPDATE case_pauses SET started_at = $2 WHERE case_no = $1`, [caseNo, pausedAt]);
    await t.pg.query(`UPDATE supplement_notices SET issued_at = $2 WHERE case_no = $1`, [caseNo, pausedAt]);
    // Supplied Friday 10-09 10:00: the pause spans 09-30 … 10-09, 10 natural days (3 of them working days).
    const suppliedAt = new Date('2026-10-09T02:00:00Z');
    const user = { sub: applicantSub, name: '赵六', roles: ['applicant' as const], token: applicant };
    const supplied = await t.svc.app.get(SupplementApplicationUseCase, { strict: false }).execute({
      user,
      caseNo,
      materials: [{ code: 'M01', fileName: '补正-M01.pdf' }],
      now: suppliedAt,
    });
    expect(supplied).toMatchObject({ status: 'SUBMITTED', pausedDays: 3 });
    // Art. 32 is the law's 5 working days whatever the item's unit: flagged on 10-15 as above.
    const receipts = t.svc.app.get(FlagOverdueReceiptsUseCase, { strict: false });
    expect(await receipts.execute({ now: new Date('2026-10-14T10:00:00Z') })).not.toContain(caseNo);
    expect(await receipts.execute({ now: new Date('2026-10-15T01:00:00Z') })).toContain(caseNo);

    // 受理: the promise (5 自然日) counts from receipt — 10-03, inside the holiday — and moves on by the
    // 10 natural days the clock stood still: 10-13 (moved by the 3 working days it would be 10-10).
    expect(calendar.dueDate(receivedAt, 5, '2').dueDate).toBe('2026-10-03');
    const accepted = await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptance?.promiseDate).toBe('2026-10-13');
    expect(calendar.addWorkingDays('2026-10-03', 3)).toBe('2026-10-10');
    const acc = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    expect(acc.value).toMatchObject({ promiseDate: '2026-10-13', promiseUnit: '2' });
    const timeline = await call('GET', `/applications/${caseNo}/timeline`, clerk);
    expect(timeline.body.entries.find((e) => e.action === 'ACCEPTED')?.detail).toMatchObject({
      promiseDate: '2026-10-13',
      promiseCountedFrom: receivedAt.toISOString(),
      pausedWorkingDays: 3,
      caseClock: 'natural',
      pausedCaseDays: 10,
    });
  });
});
