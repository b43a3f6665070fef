import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@app/shared/contracts';
import { shanghaiDate } from '@app/shared/time';
import { startServiceUnderTest, ServiceUnderTest, testToken, testWorkCalendar } from '@app/shared/testing';
import { ExpireSupplementsUseCase } from '../src/applications/use-cases/expire-supplements/expire-supplements.use-case';
import { AppModule } from '../src/app.module';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';
const GA = '11330100002491026R';

interface View {
  caseNo: string;
  status: string;
  proStatus: string;
  pausedDays: number;
  visits: number;
  visitLimit: number | null;
  materials: Array<{ code: string; fileName: string }>;
  acceptance: { promiseDate: string; acceptedAt: string; acceptedBy: string } | null;
  done: { doneResult: string } | null;
  refusalProposal: { reason: string; legalBasis: string } | null;
  supplementNotices?: Array<{
    noticeNo: string;
    issuedAt: string;
    dueDate: string;
    materials: Array<{ code: string; name: string; reason: string }>;
    suppliedAt: string | null;
  }>;
  pauses?: Array<{ startedAt: string; endedAt: string | null; workingDays: number | null }>;
}

/**
 * The life of a case before a decision, on the real PostgreSQL and Kafka: 补正 (one notice, clock stopped,
 * one supplement), 撤回, the chief's decision on a clerk's refusal proposal, and 退件 by the sweep.
 */
describe('case life: 补正, 撤回, 不予受理 by the chief, 退件 (integration)', () => {
  let t: ServiceUnderTest;
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicant = testToken({ sub: 'citizen-life', roles: ['applicant'], name: '李四' });
  const stranger = testToken({ sub: 'citizen-other', roles: ['applicant'], name: '王五' });
  const clerk = testToken({ sub: 'clerk-life', roles: ['clerk'], name: '窗口', dept: SCJG });
  const chief = testToken({ sub: 'chief-life', roles: ['chief'], name: '首席代表', dept: SCJG });
  const otherChief = testToken({ sub: 'chief-ga', roles: ['chief'], name: '公安首席', dept: GA });
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
    return { status: r.status, body: json as unknown as View & { code?: string; details?: unknown } };
  };
  const submit = async () => {
    const r = await call('POST', '/applications', applicant, {
      itemCode: food.taskCode,
      applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '李四' },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    });
    expect(r.status).toBe(201);
    return r.body.caseNo;
  };
  const notice = (
    caseNo: string,
    materials = [
      { code: 'M01', reason: '申请书缺少法定代表人签字' },
      { code: 'M02', reason: '营业执照复印件不清晰' },
    ],
  ) => call('POST', `/applications/${caseNo}/supplement-notice`, clerk, { materials });
  const supply = (caseNo: string, codes: string[], token = applicant) =>
    call('POST', `/applications/${caseNo}/supplement`, token, {
      materials: codes.map((code) => ({ code, fileName: `补正-${code}.pdf` })),
    });
  /** What a refused request must not have changed: the case row, its outbox, timeline, notices and pauses. */
  const footprint = async (caseNo: string) => ({
    row: (
      await t.pg.query<{ status: string; version: number }>(
        'SELECT status, version FROM cases WHERE case_no = $1',
        [caseNo],
      )
    ).rows[0],
    outbox: await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo]),
    timeline: await t.count('SELECT count(*) AS n FROM case_timeline WHERE case_no = $1', [caseNo]),
    notices: await t.count(
      'SELECT count(*) AS n FROM supplement_notices WHERE case_no = $1 AND supplied_at IS NULL',
      [caseNo],
    ),
    allNotices: await t.count('SELECT count(*) AS n FROM supplement_notices WHERE case_no = $1', [caseNo]),
    pauses: await t.count('SELECT count(*) AS n FROM case_pauses WHERE case_no = $1', [caseNo]),
  });

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [
        TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
        TOPICS.APPLICATION_SUPPLEMENTED,
        TOPICS.APPLICATION_WITHDRAWN,
        TOPICS.APPLICATION_REFUSAL_PROPOSED,
        TOPICS.APPLICATION_NOT_ACCEPTED,
        TOPICS.APPLICATION_ACCEPTED,
        TOPICS.CASE_COMPLETED,
        TOPICS.CASE_CLOCK_SUSPENDED,
        TOPICS.CASE_CLOCK_RESUMED,
      ],
      env: { REGION_CODE: region },
    });
    const items = (await (await fetch(`${t.svc.url}/items?keyword=%E9%A3%9F%E5%93%81`)).json()) as {
      items: Array<{ taskCode: string; name: string }>;
    };
    food = items.items.find((i) => i.name === '食品经营许可')!;
  });

  afterAll(() => t.stop());

  it('lists every missing material in ONE numbered notice, stops the clock, and serves it as a PDF', async () => {
    const caseNo = await submit();
    const r = await notice(caseNo);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', proStatus: '1' });
    const [n] = r.body.supplementNotices!;
    expect(n.noticeNo).toBe(`BZ${caseNo}-1`);
    expect(n.materials).toEqual([
      { code: 'M01', name: expect.any(String), reason: '申请书缺少法定代表人签字' },
      { code: 'M02', name: expect.any(String), reason: '营业执照复印件不清晰' },
    ]);
    // 食品经营许可: supplementDays 10 working days from the notice.
    expect(n.dueDate).toBe(testWorkCalendar().dueDate(new Date(n.issuedAt), 10, '1').dueDate);
    expect(r.body.pauses).toEqual([expect.objectContaining({ endedAt: null, workingDays: null })]);
    const row = await t.pg.query<{ paused_at: Date | null }>(
      'SELECT paused_at FROM cases WHERE case_no = $1',
      [caseNo],
    );
    expect(row.rows[0].paused_at?.toISOString()).toBe(n.issuedAt);
    const ev = await t.collector.waitForMessage(
      TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      (m) => m.key === caseNo,
    );
    expect(ev.value).toMatchObject({
      noticeNo: n.noticeNo,
      seq: 1,
      dueDate: n.dueDate,
      materials: [
        expect.objectContaining({ code: 'M01', reason: '申请书缺少法定代表人签字' }),
        expect.objectContaining({ code: 'M02', reason: '营业执照复印件不清晰' }),
      ],
    });
    expect(ev.value).not.toHaveProperty('preReview');
    // Nothing else happens to a case waiting for its materials.
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(409);
    expect((await notice(caseNo)).body.code).toBe('INVALID_STATE');

    const pdf = await fetch(`${t.svc.url}/applications/${caseNo}/supplement-notices/${n.noticeNo}/pdf`, {
      headers: { authorization: `Bearer ${applicant}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const dir = mkdtempSync(join(tmpdir(), 'notice-'));
    try {
      writeFileSync(join(dir, 'n.pdf'), Buffer.from(await pdf.arrayBuffer()));
      const text = execFileSync('pdftotext', [join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(n.noticeNo);
      expect(text).toContain('补正材料一次性告知书');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const pdfAs = async (token: string, no = n.noticeNo) =>
      (await call('GET', `/applications/${caseNo}/supplement-notices/${no}/pdf`, token)).status;
    expect(await pdfAs(clerk)).toBe(200);
    expect(await pdfAs(stranger)).toBe(404);
    expect(await pdfAs(testToken({ sub: 'c', roles: ['clerk'], dept: GA }))).toBe(404);
    const missing = await call(
      'GET',
      `/applications/${caseNo}/supplement-notices/BZ${caseNo}-9/pdf`,
      applicant,
    );
    expect([missing.status, missing.body.code]).toEqual([404, 'SUPPLEMENT_NOTICE_NOT_FOUND']);
  });

  it('网上预审: an online submission lacking materials is received with ONE 一次性告知 by rule, as a clerk’s', async () => {
    const before = await t.count('SELECT count(*) AS n FROM cases');
    const r = await call('POST', '/applications', applicant, {
      itemCode: food.taskCode,
      applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '李四' },
      materials: [{ code: 'M01', fileName: 'M01.pdf' }],
    });
    expect(r.status).toBe(201);
    expect(await t.count('SELECT count(*) AS n FROM cases')).toBe(before + 1);
    const caseNo = r.body.caseNo;
    expect(r.body).toMatchObject({ status: 'SUPPLEMENT_REQUIRED', proStatus: '1', acceptance: null });
    // Every required material the submission lacks, each with its reason, in ONE numbered notice.
    const [n] = r.body.supplementNotices!;
    expect(r.body.supplementNotices).toHaveLength(1);
    expect(n).toMatchObject({ noticeNo: `BZ${caseNo}-1`, suppliedAt: null });
    expect(n.materials).toEqual(
      ['M02', 'M03', 'M04'].map((code) => ({ code, name: expect.any(String), reason: '未提交' })),
    );
    expect(n.dueDate).toBe(testWorkCalendar().dueDate(new Date(n.issuedAt), 10, '1').dueDate);
    // The clock stands still from the notice on.
    expect(r.body.pauses).toEqual([expect.objectContaining({ endedAt: null, workingDays: null })]);
    const row = await t.pg.query<{ paused_at: Date | null; supplement_due_at: Date | null }>(
      'SELECT paused_at, supplement_due_at FROM cases WHERE case_no = $1',
      [caseNo],
    );
    expect(row.rows[0].paused_at?.toISOString()).toBe(n.issuedAt);
    expect(row.rows[0].supplement_due_at).not.toBeNull();
    // The events of a clerk's 补正, issued by the system.
    const ev = await t.collector.waitForMessage(
      TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      (m) => m.key === caseNo,
    );
    expect(ev.value).toMatchObject({
      noticeNo: n.noticeNo,
      seq: 1,
      requestedBy: '系统 (网上预审)',
      dueDate: n.dueDate,
      materials: n.materials,
      preReview: true,
    });
    const stopped = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_SUSPENDED, (m) => m.key === caseNo);
    expect(stopped.value).toMatchObject({
      reason: 'SUPPLEMENT',
      pauseRef: n.noticeNo,
      pauseStartedAt: n.issuedAt,
      promiseDate: null,
    });
    const outbox = await t.pg.query<{ topic: string }>(
      'SELECT topic FROM outbox WHERE message_key = $1 ORDER BY id',
      [caseNo],
    );
    expect(outbox.rows.map((o) => o.topic)).toEqual([
      TOPICS.APPLICATION_SUBMITTED,
      TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      TOPICS.CASE_CLOCK_SUSPENDED,
    ]);
    const timeline = (await call('GET', `/applications/${caseNo}/timeline`, applicant)).body as unknown as {
      entries: Array<{ action: string; actor: string | null }>;
    };
    expect(timeline.entries.map((e) => [e.action, e.actor])).toEqual([
      ['SUBMITTED', '杭州测试餐饮有限公司'],
      ['SUPPLEMENT_REQUESTED', '系统 (网上预审)'],
    ]);
    // The 一次性告知书 as a PDF, like the clerk's.
    const pdf = await fetch(`${t.svc.url}/applications/${caseNo}/supplement-notices/${n.noticeNo}/pdf`, {
      headers: { authorization: `Bearer ${applicant}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const dir = mkdtempSync(join(tmpdir(), 'pre-review-'));
    try {
      writeFileSync(join(dir, 'n.pdf'), Buffer.from(await pdf.arrayBuffer()));
      const text = execFileSync('pdftotext', [join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(n.noticeNo);
      expect(text).toContain('未提交');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The notice is the case's one notice (limit 1): the clerk adds nothing before the supplement.
    expect((await notice(caseNo)).body.code).toBe('INVALID_STATE');
    // Everything at once restarts the clock; then the clerk accepts.
    const supplied = await supply(caseNo, ['M02', 'M03', 'M04']);
    expect(supplied.body).toMatchObject({ status: 'SUBMITTED' });
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(200);
  });

  it('receives a window submission with materials missing; the notice names missing and defective ones', async () => {
    const body = (submitChannel: string) => ({
      itemCode: food.taskCode,
      applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA },
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '李四' },
      materials: [{ code: 'M01', fileName: 'M01.pdf' }],
      submitChannel,
    });
    const window = await call('POST', '/applications', applicant, body('0'));
    expect(window.status).toBe(201);
    // 最多跑一次: the window submission is the applicant's first visit (到现场次数); the item promises 0
    expect([window.body.visits, window.body.visitLimit]).toEqual([1, 0]);
    // At the window the clerk, face to face, names what is missing: no 预审.
    expect(window.body).toMatchObject({ status: 'SUBMITTED' });
    const caseNo = window.body.caseNo;
    expect(await t.count('SELECT count(*) AS n FROM supplement_notices WHERE case_no = $1', [caseNo])).toBe(
      0,
    );
    const early = await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    expect([early.status, early.body.code]).toEqual([422, 'MATERIALS_INCOMPLETE']);
    const r = await notice(caseNo, [
      { code: 'M01', reason: '申请书填写不完整' },
      { code: 'M02', reason: '未提交' },
      { code: 'M03', reason: '未提交' },
      { code: 'M04', reason: '未提交' },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.supplementNotices![0].materials.map((m) => m.code)).toEqual(['M01', 'M02', 'M03', 'M04']);
    const badChannel = await call('POST', `/applications/${caseNo}/supplement`, applicant, {
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
      submitChannel: '9',
    });
    expect([badChannel.status, badChannel.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // the 补正 brought to the window: a second visit
    const supplied = await call('POST', `/applications/${caseNo}/supplement`, applicant, {
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
      submitChannel: '0',
    });
    expect([supplied.status, supplied.body.visits]).toEqual([200, 2]);
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(200);
    const accepted = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    // the item's 法定时限 and 跑动次数 travel with 受理 (承诺时限压缩率, 最多跑一次事项占比)
    expect(accepted.value).toMatchObject({ legalLimit: 20, legalUnit: '1', visitLimit: 0 });
  });

  it('refuses a supplement with a material missing (422, nothing written); the full one restarts the clock', async () => {
    const caseNo = await submit();
    expect((await notice(caseNo)).status).toBe(200);
    // The pause started 8 days ago (as if the applicant took that long).
    await t.pg.query(`UPDATE cases SET paused_at = paused_at - interval '8 days' WHERE case_no = $1`, [
      caseNo,
    ]);
    await t.pg.query(
      `UPDATE case_pauses SET started_at = started_at - interval '8 days' WHERE case_no = $1`,
      [caseNo],
    );
    const pausedAt = (
      await t.pg.query<{ paused_at: Date }>('SELECT paused_at FROM cases WHERE case_no = $1', [caseNo])
    ).rows[0].paused_at;
    const before = await footprint(caseNo);
    const partial = await supply(caseNo, ['M01']);
    expect([partial.status, partial.body.code, partial.body.details]).toEqual([
      422,
      'SUPPLEMENT_INCOMPLETE',
      { noticeNo: `BZ${caseNo}-1`, missing: [{ code: 'M02', name: expect.any(String) }] },
    ]);
    expect((await supply(caseNo, ['M01', 'M02'], stranger)).status).toBe(404);
    expect((await supply(caseNo, ['M01', 'M02'], clerk)).status).toBe(403);
    expect(await footprint(caseNo)).toEqual(before);

    const r = await supply(caseNo, ['M01', 'M02']);
    expect(r.status).toBe(200);
    const supplied = r.body.supplementNotices![0].suppliedAt!;
    const cal = testWorkCalendar();
    const expectedPause = cal.workingDaysBetween(shanghaiDate(pausedAt), shanghaiDate(new Date(supplied)));
    expect(expectedPause).toBeGreaterThanOrEqual(4);
    expect(r.body).toMatchObject({ status: 'SUBMITTED', proStatus: '1', pausedDays: expectedPause });
    expect(r.body.pauses).toEqual([
      expect.objectContaining({ workingDays: expectedPause, endedAt: supplied }),
    ]);
    expect(r.body.materials.find((m) => m.code === 'M02')?.fileName).toBe('补正-M02.pdf');
    const ev = await t.collector.waitForMessage(TOPICS.APPLICATION_SUPPLEMENTED, (m) => m.key === caseNo);
    expect(ev.value).toMatchObject({
      noticeNo: `BZ${caseNo}-1`,
      materials: ['M01', 'M02'],
      pausedWorkingDays: expectedPause,
      totalPausedDays: expectedPause,
    });
    // The clock events: the pause's start and end, before 受理 (no promise date yet).
    const stopped = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_SUSPENDED, (m) => m.key === caseNo);
    expect(stopped.value).toMatchObject({
      caseNo,
      reason: 'SUPPLEMENT',
      pauseRef: `BZ${caseNo}-1`,
      promiseDate: null,
      totalPausedDays: 0,
    });
    const resumed = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_RESUMED, (m) => m.key === caseNo);
    expect(resumed.value).toEqual({
      ...(stopped.value as object),
      pauseStartedAt: pausedAt.toISOString(),
      pauseEndedAt: supplied,
      pausedWorkingDays: expectedPause,
      totalPausedDays: expectedPause,
      promiseDate: null,
    });
    expect(new Date((stopped.value as { pauseStartedAt: string }).pauseStartedAt).getTime()).toBe(
      pausedAt.getTime() + 8 * 86_400_000,
    );
    // 受理 after 补正: the promise runs from 受理 (行政许可法 Art. 32), the paused days never count.
    const acc = await call('POST', `/applications/${caseNo}/accept`, clerk, {});
    expect(acc.status).toBe(200);
    const { acceptedAt, promiseDate } = acc.body.acceptance!;
    expect(promiseDate).toBe(cal.dueDate(new Date(acceptedAt), 5, '1').dueDate);
    const accepted = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    expect(accepted.value).toMatchObject({ promiseDate });
  });

  it('refuses a second notice beyond the item’s limit, and one naming a material the supplement did not bring', async () => {
    const caseNo = await submit();
    expect((await notice(caseNo)).status).toBe(200);
    expect((await supply(caseNo, ['M01', 'M02'])).status).toBe(200);
    const before = await footprint(caseNo);
    const over = await notice(caseNo, [{ code: 'M02', reason: '补正的营业执照已过期' }]);
    expect([over.status, over.body.code, over.body.details]).toEqual([
      409,
      'SUPPLEMENT_LIMIT_REACHED',
      { limit: 1, issued: 1 },
    ]);
    await t.pg.query(
      `UPDATE service_items SET supplement_limit = 2 WHERE id = (SELECT item_id FROM cases WHERE case_no = $1)`,
      [caseNo],
    );
    try {
      const unchanged = await notice(caseNo, [{ code: 'M03', reason: '布局图比例不对' }]);
      expect([unchanged.status, unchanged.body.code, unchanged.body.details]).toEqual([
        422,
        'SUPPLEMENT_MATERIAL_NOT_REOPENABLE',
        { materials: ['M03'], reopenable: ['M01', 'M02'] },
      ]);
      expect(await footprint(caseNo)).toEqual(before);
      const second = await notice(caseNo, [{ code: 'M02', reason: '补正的营业执照已过期' }]);
      expect(second.status).toBe(200);
      expect(second.body.supplementNotices!.map((n) => n.noticeNo)).toEqual([
        `BZ${caseNo}-1`,
        `BZ${caseNo}-2`,
      ]);
    } finally {
      await t.pg.query(
        `UPDATE service_items SET supplement_limit = 1 WHERE id = (SELECT item_id FROM cases WHERE case_no = $1)`,
        [caseNo],
      );
    }
  });

  it('lets the owner withdraw before a decision: 作废办结 (2) with the withdrawn and completed events', async () => {
    const caseNo = await submit();
    expect((await notice(caseNo)).status).toBe(200);
    const before = await footprint(caseNo);
    expect((await call('POST', `/applications/${caseNo}/withdraw`, stranger, {})).status).toBe(404);
    expect((await call('POST', `/applications/${caseNo}/withdraw`, clerk, {})).status).toBe(403);
    expect(await footprint(caseNo)).toEqual(before);
    const r = await call('POST', `/applications/${caseNo}/withdraw`, applicant, {
      reason: '经营场所变更, 重新申请',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'DONE', proStatus: '3', done: { doneResult: '2' } });
    expect(r.body.pauses).toEqual([expect.objectContaining({ endedAt: expect.any(String) })]);
    const w = await t.collector.waitForMessage(TOPICS.APPLICATION_WITHDRAWN, (m) => m.key === caseNo);
    expect(w.value).toMatchObject({
      caseNo,
      previousStatus: 'SUPPLEMENT_REQUIRED',
      reason: '经营场所变更, 重新申请',
    });
    // The 补正 pause ends with the case: the clock event says so (caseDoneResult 2), in the same transaction.
    const clock = await t.collector.waitForMessage(
      TOPICS.CASE_CLOCK_RESUMED,
      (m) => m.key === caseNo && (m.value as { caseDoneResult?: string }).caseDoneResult !== undefined,
    );
    expect(clock.value).toMatchObject({
      reason: 'SUPPLEMENT',
      pauseRef: `BZ${caseNo}-1`,
      pauseEndedAt: r.body.pauses![0].endedAt,
      caseDoneResult: '2',
      promiseDate: null,
    });
    const rows = await t.pg.query<{ topic: string; created_at: Date }>(
      `SELECT topic, created_at FROM outbox WHERE message_key = $1 AND topic = ANY($2) ORDER BY id`,
      [caseNo, [TOPICS.CASE_CLOCK_RESUMED, TOPICS.APPLICATION_WITHDRAWN, TOPICS.CASE_COMPLETED]],
    );
    expect(rows.rows.map((o) => o.topic)).toEqual([
      TOPICS.CASE_CLOCK_RESUMED,
      TOPICS.APPLICATION_WITHDRAWN,
      TOPICS.CASE_COMPLETED,
    ]);
    // one transaction: now() is the transaction's start, the same on every row
    expect(new Set(rows.rows.map((o) => o.created_at.getTime())).size).toBe(1);
    const done = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo);
    // submitted online, withdrawn online: no visit; the item promises 0 (全程网办)
    expect(done.value).toMatchObject({
      doneResult: '2',
      applicantSub: 'citizen-life',
      visits: 0,
      visitLimit: 0,
    });
    expect((await call('POST', `/applications/${caseNo}/withdraw`, applicant, {})).body.code).toBe(
      'INVALID_STATE',
    );
    expect((await supply(caseNo, ['M01', 'M02'])).status).toBe(409);

    // An accepted case can still be withdrawn (approval stops on the event).
    const accepted = await submit();
    expect((await call('POST', `/applications/${accepted}/accept`, clerk, {})).status).toBe(200);
    const r2 = await call('POST', `/applications/${accepted}/withdraw`, applicant, {});
    expect([r2.status, r2.body.done?.doneResult]).toEqual([200, '2']);
    const w2 = await t.collector.waitForMessage(TOPICS.APPLICATION_WITHDRAWN, (m) => m.key === accepted);
    expect(w2.value).toMatchObject({ previousStatus: 'ACCEPTED' });
    // no pause was running: no clock event
    expect(
      await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2', [
        accepted,
        TOPICS.CASE_CLOCK_RESUMED,
      ]),
    ).toBe(0);
  });

  it('makes a clerk’s reject a proposal that only the department’s chief confirms (不予受理, 6)', async () => {
    const caseNo = await submit();
    const before = await footprint(caseNo);
    const noBasis = await call('POST', `/applications/${caseNo}/reject`, clerk, {
      reason: '不属于本部门职权范围',
    });
    expect([noBasis.status, noBasis.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await footprint(caseNo)).toEqual(before);
    const proposal = {
      reason: '不属于本部门职权范围',
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    };
    const p = await call('POST', `/applications/${caseNo}/reject`, clerk, proposal);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      status: 'REFUSAL_PROPOSED',
      proStatus: '1',
      done: null,
      refusalProposal: proposal,
    });
    const ev = await t.collector.waitForMessage(TOPICS.APPLICATION_REFUSAL_PROPOSED, (m) => m.key === caseNo);
    expect(ev.value).toMatchObject({ ...proposal, proposedBy: '窗口' });

    const proposed = await footprint(caseNo);
    const byClerk = await call('POST', `/applications/${caseNo}/refusal/confirm`, clerk, {});
    expect([byClerk.status, byClerk.body.code]).toEqual([403, 'FORBIDDEN']);
    const byOther = await call('POST', `/applications/${caseNo}/refusal/confirm`, otherChief, {});
    expect([byOther.status, byOther.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(409);
    expect(await footprint(caseNo)).toEqual(proposed);

    const c = await call('POST', `/applications/${caseNo}/refusal/confirm`, chief, {
      opinion: '同意不予受理',
    });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({
      status: 'NOT_ACCEPTED',
      proStatus: '3',
      done: { doneResult: '6' },
      notAcceptedReason: proposal.reason,
    });
    const na = await t.collector.waitForMessage(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === caseNo);
    expect(na.value).toMatchObject({ reason: proposal.reason, decidedBy: '首席代表' });
    const done = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo);
    expect(done.value).toMatchObject({ doneResult: '6' });
    expect(
      (await call('POST', `/applications/${caseNo}/refusal/overturn`, chief, { opinion: '应予受理' })).status,
    ).toBe(409);
  });

  it('lets the chief overturn a refusal proposal: the case is accepted with the promise of 受理', async () => {
    const caseNo = await submit();
    const proposal = { reason: '材料不符合法定形式', legalBasis: '《中华人民共和国行政许可法》第三十二条' };
    expect((await call('POST', `/applications/${caseNo}/reject`, clerk, proposal)).status).toBe(200);
    const before = await footprint(caseNo);
    const noOpinion = await call('POST', `/applications/${caseNo}/refusal/overturn`, chief, {});
    expect([noOpinion.status, noOpinion.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      (await call('POST', `/applications/${caseNo}/refusal/overturn`, clerk, { opinion: '应予受理' })).status,
    ).toBe(403);
    expect(
      (await call('POST', `/applications/${caseNo}/refusal/overturn`, otherChief, { opinion: '应予受理' }))
        .status,
    ).toBe(404);
    expect(await footprint(caseNo)).toEqual(before);
    const r = await call('POST', `/applications/${caseNo}/refusal/overturn`, chief, {
      opinion: '材料符合法定形式, 应予受理',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ACCEPTED', proStatus: '2' });
    const { acceptedAt, promiseDate, acceptedBy } = r.body.acceptance!;
    expect(acceptedBy).toBe('首席代表');
    expect(promiseDate).toBe(testWorkCalendar().dueDate(new Date(acceptedAt), 5, '1').dueDate);
    const acc = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    expect(acc.value).toMatchObject({ promiseDate, acceptDocNo: `SL${caseNo}`, acceptedBy: '首席代表' });
    const timeline = (await call('GET', `/applications/${caseNo}/timeline`, applicant)).body as unknown as {
      entries: Array<{ action: string }>;
    };
    expect(timeline.entries.map((e) => e.action)).toEqual([
      'SUBMITTED',
      'REFUSAL_PROPOSED',
      'REFUSAL_OVERTURNED',
      'ACCEPTED',
    ]);
  });

  it('refuses bad input on every new endpoint with a 4xx and a code, writing nothing', async () => {
    const fresh = await submit();
    const waiting = await submit();
    expect((await notice(waiting)).status).toBe(200);
    const proposed = await submit();
    expect(
      (await call('POST', `/applications/${proposed}/reject`, clerk, { reason: '理由', legalBasis: '依据' }))
        .status,
    ).toBe(200);
    const cases = [fresh, waiting, proposed];
    const footprints = async () => {
      const out = [];
      for (const c of cases) out.push(await footprint(c));
      return out;
    };
    const before = await footprints();
    const bad: Array<[string, string, string, unknown, number, string]> = [
      ['notice: no materials', fresh, 'supplement-notice', { materials: [] }, 400, 'VALIDATION_FAILED'],
      [
        'notice: no reason',
        fresh,
        'supplement-notice',
        { materials: [{ code: 'M01' }] },
        400,
        'VALIDATION_FAILED',
      ],
      ['notice: not a list', fresh, 'supplement-notice', { materials: 'M01' }, 400, 'VALIDATION_FAILED'],
      [
        'notice: unknown material',
        fresh,
        'supplement-notice',
        { materials: [{ code: 'M99', reason: '缺少' }] },
        422,
        'UNKNOWN_MATERIAL',
      ],
      [
        'notice: twice the same',
        fresh,
        'supplement-notice',
        {
          materials: [
            { code: 'M01', reason: '缺少' },
            { code: 'M01', reason: '缺少' },
          ],
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'notice: control character',
        fresh,
        'supplement-notice',
        { materials: [{ code: 'M01', reason: '缺\u0007少' }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'notice: undeclared field',
        fresh,
        'supplement-notice',
        { materials: [{ code: 'M01', reason: '缺少' }], x: 1 },
        400,
        'VALIDATION_FAILED',
      ],
      ['supplement: empty', waiting, 'supplement', { materials: [] }, 400, 'VALIDATION_FAILED'],
      [
        'supplement: bad file',
        waiting,
        'supplement',
        { materials: [{ code: 'M01' }, { code: 'M02', fileName: 'a.pdf' }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'supplement: not named',
        waiting,
        'supplement',
        { materials: ['M01', 'M02', 'M03'].map((code) => ({ code, fileName: 'a.pdf' })) },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'supplement: not waiting',
        fresh,
        'supplement',
        { materials: [{ code: 'M01', fileName: 'a.pdf' }] },
        409,
        'INVALID_STATE',
      ],
      ['withdraw: reason not text', fresh, 'withdraw', { reason: 5 }, 400, 'VALIDATION_FAILED'],
      [
        'confirm: opinion too long',
        proposed,
        'refusal/confirm',
        { opinion: '意'.repeat(1001) },
        400,
        'VALIDATION_FAILED',
      ],
      ['confirm: nothing proposed', fresh, 'refusal/confirm', {}, 409, 'INVALID_STATE'],
      ['overturn: blank opinion', proposed, 'refusal/overturn', { opinion: '   ' }, 400, 'VALIDATION_FAILED'],
      [
        'overturn: nothing proposed',
        fresh,
        'refusal/overturn',
        { opinion: '应予受理' },
        409,
        'INVALID_STATE',
      ],
      [
        'reject: blank basis',
        fresh,
        'reject',
        { reason: '理由充分', legalBasis: ' ' },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    const tokenFor: Record<string, string> = {
      'supplement-notice': clerk,
      supplement: applicant,
      withdraw: applicant,
      'refusal/confirm': chief,
      'refusal/overturn': chief,
      reject: clerk,
    };
    const problems: string[] = [];
    for (const [what, caseNo, path, body, status, code] of bad) {
      const r = await call('POST', `/applications/${caseNo}/${path}`, tokenFor[path], body);
      if (r.status !== status || r.body.code !== code) problems.push(`${what}: ${r.status} ${r.body.code}`);
    }
    expect(problems).toEqual([]);
    const unknownCase = await call('POST', '/applications/X0000000000000000001/withdraw', applicant, {});
    expect([unknownCase.status, unknownCase.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(await footprints()).toEqual(before);
  });

  it('returns a case whose 补正 deadline passed (退件, 5) when the sweep runs', async () => {
    const caseNo = await submit();
    expect((await notice(caseNo)).status).toBe(200);
    const sweep = t.svc.app.get(ExpireSupplementsUseCase, { strict: false });
    expect(await sweep.execute({ now: new Date() })).not.toContain(caseNo);
    const ended = await sweep.execute({ now: new Date(Date.now() + 30 * 86_400_000) });
    expect(ended).toContain(caseNo);
    const row = await t.pg.query<{ status: string; done_result: string; paused_at: Date | null }>(
      'SELECT status, done_result, paused_at FROM cases WHERE case_no = $1',
      [caseNo],
    );
    expect(row.rows).toEqual([{ status: 'DONE', done_result: '5', paused_at: null }]);
    const done = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo);
    expect(done.value).toMatchObject({ doneResult: '5' });
    // The clock does not stay paused forever: the pause ended with the case (caseDoneResult 5).
    const clock = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_RESUMED, (m) => m.key === caseNo);
    expect(clock.value).toMatchObject({
      reason: 'SUPPLEMENT',
      pauseRef: `BZ${caseNo}-1`,
      caseDoneResult: '5',
      promiseDate: null,
    });
    const view = await call('GET', `/applications/${caseNo}`, applicant);
    expect(view.body).toMatchObject({ status: 'DONE', proStatus: '3', done: { doneResult: '5' } });
    expect(view.body.pauses).toEqual([expect.objectContaining({ endedAt: expect.any(String) })]);
    expect((await supply(caseNo, ['M01', 'M02'])).status).toBe(409);
    // A second run finds nothing more to do for it.
    expect(await sweep.execute({ now: new Date(Date.now() + 30 * 86_400_000) })).not.toContain(caseNo);
  });
});
