import { randomUUID } from 'node:crypto';
import { TOPICS, dlqOf } from '@app/shared/contracts';
import { shanghaiDate } from '@app/shared/time';
import { startServiceUnderTest, ServiceUnderTest, testToken, waitFor } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';
const GA = '11330100002491026R';

interface View {
  caseNo: string;
  status: string;
  pausedDays: number;
  submitChannel: string;
  acceptance: { acceptDocNo: string; acceptedBy: string; promiseDate: string } | null;
  pauses?: Array<{
    reason: string;
    endedAt: string | null;
    workingDays: number | null;
    procedure: { type: string; typeName: string; expectedEndDate: string; result: string | null } | null;
  }>;
}

interface ItemView {
  taskCode: string;
  name: string;
  deptCode: string;
  deptName: string;
  projectType: string;
  serverTypes: string[];
  materials: Array<{ code: string }>;
  formFields: Array<{ key: string; required: boolean }>;
}

/**
 * Intake on the real PostgreSQL and Kafka: approval's 特别程序 on the case clock (suspended / resumed,
 * the promise date adopted from approval), and 即办件 accepted by rule when submitted online.
 */
describe('case clock (特别程序) and 即办件 online (integration)', () => {
  let t: ServiceUnderTest;
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicant = testToken({ sub: 'citizen-clock', roles: ['applicant'], name: '赵六' });
  const clerk = testToken({ sub: 'clerk-clock', roles: ['clerk'], name: '窗口', dept: SCJG });
  let food: ItemView;
  let immediate: ItemView;

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as View };
  };
  const bodyFor = (item: ItemView, submitChannel?: string) => ({
    itemCode: item.taskCode,
    applicant: { userProp: '2', name: '杭州测试餐饮有限公司', certType: '001', certNo: GA },
    formData: Object.fromEntries(item.formFields.filter((f) => f.required).map((f) => [f.key, '测试'])),
    materials: item.materials.map(({ code }) => ({ code, fileName: `${code}.pdf` })),
    ...(submitChannel ? { submitChannel } : {}),
  });
  const acceptedFoodCase = async () => {
    const r = await call('POST', '/applications', applicant, {
      ...bodyFor(food),
      formData: { premises: '杭州市', businessScope: '热食类', legalRepresentative: '赵六' },
    });
    expect(r.status).toBe(201);
    const accepted = await call('POST', `/applications/${r.body.caseNo}/accept`, clerk, {});
    expect(accepted.status).toBe(200);
    return accepted.body;
  };
  const ref = (caseNo: string) => ({
    caseNo,
    itemCode: food.taskCode,
    itemName: food.name,
    deptCode: food.deptCode,
    deptName: food.deptName,
  });
  const suspended = (caseNo: string, approvalId: string, procedureId: string) => ({
    ...ref(caseNo),
    approvalId,
    procedureId,
    type: '2',
    typeName: '听证',
    result: '6',
    reason: '涉及申请人与他人之间重大利益关系, 依法举行听证',
    expectedEndDate: '2026-12-31',
    stepNo: 2,
    suspendedBy: '审核人',
    suspendedAt: new Date().toISOString(),
  });
  const resumed = (caseNo: string, approvalId: string, procedureId: string, dueDate: string) => ({
    ...ref(caseNo),
    approvalId,
    procedureId,
    type: '2',
    typeName: '听证',
    reason: '涉及申请人与他人之间重大利益关系, 依法举行听证',
    expectedEndDate: '2026-12-31',
    procedureResult: '听证结束, 同意继续审批',
    pausedWorkingDays: 4,
    stepNo: 2,
    stepDueDate: null,
    dueDate,
    resumedBy: '审核人',
    resumedAt: new Date().toISOString(),
  });
  const processed = (id: string) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [id])) === 1 ||
        undefined,
    );
  const entries = (caseNo: string, action: string) =>
    t.count('SELECT count(*) AS n FROM case_timeline WHERE case_no = $1 AND action = $2', [caseNo, action]);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [
        TOPICS.APPLICATION_SUBMITTED,
        TOPICS.APPLICATION_ACCEPTED,
        TOPICS.CASE_CLOCK_SUSPENDED,
        TOPICS.CASE_CLOCK_RESUMED,
        dlqOf(TOPICS.APPROVAL_CASE_SUSPENDED),
        dlqOf(TOPICS.APPROVAL_CASE_RESUMED),
      ],
      env: { REGION_CODE: region },
    });
    const items = (await (await fetch(`${t.svc.url}/items?pageSize=100`)).json()) as { items: ItemView[] };
    food = items.items.find((i) => i.name === '食品经营许可')!;
    immediate = items.items.find((i) => i.projectType === '1' && i.serverTypes.includes('2'))!;
    expect(immediate).toBeDefined();
  });

  afterAll(() => t.stop());

  it('stops the clock on a 特别程序 and adopts the due date approval computed when it ends, once each', async () => {
    const c = await acceptedFoodCase();
    const approvalId = randomUUID();
    const procedureId = randomUUID();
    const s = suspended(c.caseNo, approvalId, procedureId);
    const sid = await t.producer.send(TOPICS.APPROVAL_CASE_SUSPENDED, c.caseNo, s);
    await t.producer.send(TOPICS.APPROVAL_CASE_SUSPENDED, c.caseNo, s, { id: sid });
    await processed(sid);
    let view = (await call('GET', `/applications/${c.caseNo}`, applicant)).body;
    expect(view.pauses).toEqual([
      expect.objectContaining({
        reason: 'SPECIAL_PROCEDURE',
        endedAt: null,
        procedure: expect.objectContaining({ type: '2', typeName: '听证', expectedEndDate: '2026-12-31' }),
      }),
    ]);
    expect(await entries(c.caseNo, 'SPECIAL_PROCEDURE_STARTED')).toBe(1);

    const r = resumed(c.caseNo, approvalId, procedureId, '2027-01-20');
    const rid = await t.producer.send(TOPICS.APPROVAL_CASE_RESUMED, c.caseNo, r);
    await t.producer.send(TOPICS.APPROVAL_CASE_RESUMED, c.caseNo, r, { id: rid });
    await processed(rid);
    view = (await call('GET', `/applications/${c.caseNo}`, applicant)).body;
    expect(view.acceptance?.promiseDate).toBe('2027-01-20');
    expect(view.acceptance?.promiseDate).not.toBe(c.acceptance?.promiseDate);
    expect(view.pausedDays).toBe(4);
    expect(view.pauses).toEqual([
      expect.objectContaining({
        reason: 'SPECIAL_PROCEDURE',
        endedAt: expect.any(String),
        workingDays: 4,
        procedure: expect.objectContaining({ result: '听证结束, 同意继续审批' }),
      }),
    ]);
    expect(await entries(c.caseNo, 'SPECIAL_PROCEDURE_ENDED')).toBe(1);
    const timeline = (await (
      await fetch(`${t.svc.url}/applications/${c.caseNo}/timeline`, {
        headers: { authorization: `Bearer ${applicant}` },
      })
    ).json()) as { entries: Array<{ action: string; title?: string; titleZh?: string; detail: object }> };
    const ended = timeline.entries.find((e) => e.action === 'SPECIAL_PROCEDURE_ENDED');
    expect(ended?.detail).toMatchObject({ promiseDate: '2027-01-20', pausedWorkingDays: 4 });
    // intake.case.clock-suspended / -resumed, once each although approval announced each twice.
    const stopped = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_SUSPENDED, (m) => m.key === c.caseNo);
    expect(stopped.value).toEqual(
      expect.objectContaining({
        reason: 'SPECIAL_PROCEDURE',
        pauseRef: procedureId,
        pauseStartedAt: s.suspendedAt,
        promiseDate: c.acceptance?.promiseDate,
        totalPausedDays: 0,
      }),
    );
    const resumedEv = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_RESUMED, (m) => m.key === c.caseNo);
    expect(resumedEv.value).toMatchObject({
      reason: 'SPECIAL_PROCEDURE',
      pauseRef: procedureId,
      pauseStartedAt: s.suspendedAt,
      pauseEndedAt: r.resumedAt,
      pausedWorkingDays: 4,
      totalPausedDays: 4,
      promiseDate: '2027-01-20',
    });
    expect(
      await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = ANY($2)', [
        c.caseNo,
        [TOPICS.CASE_CLOCK_SUSPENDED, TOPICS.CASE_CLOCK_RESUMED],
      ]),
    ).toBe(2);
  });

  it('dead-letters a suspension or a resumption of an unknown case', async () => {
    const ghost = `${region}20261124999998`;
    await t.producer.send(
      TOPICS.APPROVAL_CASE_SUSPENDED,
      ghost,
      suspended(ghost, randomUUID(), randomUUID()),
    );
    await t.producer.send(
      TOPICS.APPROVAL_CASE_RESUMED,
      ghost,
      resumed(ghost, randomUUID(), randomUUID(), '2027-01-20'),
    );
    for (const topic of [TOPICS.APPROVAL_CASE_SUSPENDED, TOPICS.APPROVAL_CASE_RESUMED]) {
      const dead = await t.collector.waitForMessage(dlqOf(topic), (m) => m.key === ghost);
      expect(dead.headers).toMatchObject({ 'x-dlq-reason': 'UNKNOWN_CASE' });
    }
  });

  it('accepts an online 即办件 by rule at submission (both events), and leaves a window one to the clerk', async () => {
    const online = await call('POST', '/applications', applicant, bodyFor(immediate, '1'));
    expect(online.status).toBe(201);
    expect(online.body).toMatchObject({ status: 'ACCEPTED', submitChannel: '1' });
    expect(online.body.acceptance).toMatchObject({
      acceptDocNo: `SL${online.body.caseNo}`,
      acceptedBy: '系统 (即办件自动受理)',
      promiseDate: shanghaiDate(new Date()),
    });
    const caseNo = online.body.caseNo;
    await t.collector.waitForMessage(TOPICS.APPLICATION_SUBMITTED, (m) => m.key === caseNo);
    const acc = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
    expect(acc.value).toMatchObject({ projectType: '1', acceptedBy: '系统 (即办件自动受理)' });
    expect(await entries(caseNo, 'SUBMITTED')).toBe(1);
    expect(await entries(caseNo, 'ACCEPTED')).toBe(1);

    const window = await call('POST', '/applications', applicant, bodyFor(immediate, '0'));
    expect(window.status).toBe(201);
    expect([window.body.status, window.body.acceptance]).toEqual(['SUBMITTED', null]);
    await t.collector.waitForMessage(TOPICS.APPLICATION_SUBMITTED, (m) => m.key === window.body.caseNo);
    expect(t.collector.find(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === window.body.caseNo)).toEqual([]);
  });
});
