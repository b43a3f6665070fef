import { TOPICS } from '@app/shared/contracts';
import {
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { ApprovalConfig } from '../src/config/approval.config';

/** 国家税务总局杭州市税务局 (this test's own database: its chief authorisation touches nothing else). */
const DEPT = '11330100002497604Y';

interface CaseView {
  status: string;
  currentStep: number | null;
  owedMaterials: Array<{ code: string; name: string; dueDate: string; suppliedAt: string | null }>;
  audit: Array<{ action: string; stepNo: number | null; actor: string; opinion: string | null }>;
}

/**
 * 容缺受理 and 告知承诺制 in approval, against the real PostgreSQL and Kafka: the deciding step and the
 * chief's decision wait for the owed materials (409 OWED_MATERIALS_OUTSTANDING, nothing written); the
 * supplied event (redelivered, or overtaking the acceptance) marks them; owed materials overdue stop
 * approval; a case accepted on a signed commitment is approved at once by the system.
 */
describe('approval: owed materials and commitments (integration)', () => {
  let t: ServiceUnderTest;
  const approver = (n: number) =>
    testToken({ sub: `ow-approver-${n}`, roles: ['approver'], name: `审批员${n}`, dept: DEPT });
  const chief = testToken({ sub: 'ow-chief', roles: ['chief'], name: '首席代表', dept: DEPT });
  const admin = testToken({ sub: 'ow-admin', roles: ['admin'], name: '管理员' });
  const ref = (caseNo: string) => ({
    caseNo,
    itemCode: `${DEPT}000110022000001`,
    itemName: '发票领用（首次申领）',
    deptCode: DEPT,
    deptName: '测试税务局',
  });
  const owed = [
    { code: 'M02', name: '经办人身份证件', dueDate: '2026-12-01' },
    { code: 'M03', name: '发票专用章印模', dueDate: '2026-12-03' },
  ];
  const accepted = (caseNo: string, over: Record<string, unknown> = {}) => ({
    ...ref(caseNo),
    applicant: {
      userProp: '2',
      name: '杭州测试科技有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'c'.repeat(64),
    },
    taskType: '10',
    projectType: '2',
    acceptDocNo: `SL${caseNo}`,
    acceptedAt: new Date().toISOString(),
    promiseDate: '2026-12-31',
    promiseLimit: 5,
    promiseUnit: '1',
    licence: null,
    acceptedBy: 'clerk',
    owedMaterials: owed,
    ...over,
  });
  const supplied = (caseNo: string, materials: string[], outstanding: string[]) => ({
    ...ref(caseNo),
    materials,
    outstanding,
    suppliedAt: '2026-11-26T02:00:00.000Z',
  });
  const overdue = (caseNo: string) => ({
    ...ref(caseNo),
    materials: [owed[0]],
    overdueAt: '2026-12-02T00:00:00.000Z',
    previousStatus: 'IN_APPROVAL',
    doneResult: '5',
  });
  const processed = (eventId: string) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [eventId])) === 1 ||
        undefined,
      { description: `event ${eventId} processed` },
    );
  const send = async (topic: string, caseNo: string, payload: unknown, opts: { id?: string } = {}) => {
    const id = await t.producer.send(topic, caseNo, payload, opts);
    await processed(id);
    return id;
  };
  const open = async (over: Record<string, unknown> = {}) => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo, over));
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
    return caseNo;
  };
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
    return { status: r.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const view = async (caseNo: string) =>
    (await call('GET', `/approvals/${caseNo}`, approver(1))).body as unknown as CaseView;
  const decide = (caseNo: string, stepNo: number, token: string) =>
    call('POST', `/approvals/${caseNo}/decision`, token, { stepNo, decision: 'approve', opinion: '同意' });
  const footprint = async (caseNo: string) => ({
    row: (
      await t.pg.query('SELECT status, current_step, version FROM approval_cases WHERE case_no = $1', [
        caseNo,
      ])
    ).rows[0],
    audit: await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo]),
    outbox: await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo]),
  });
  const decisions = (caseNo: string) =>
    t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = ANY($2)', [
      caseNo,
      [TOPICS.APPROVAL_CASE_APPROVED, TOPICS.APPROVAL_CASE_DENIED],
    ]);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [TOPICS.APPROVAL_CASE_OPENED, TOPICS.APPROVAL_CASE_APPROVED],
    });
    const now = Date.now();
    const grant = await call('POST', '/authorisations/chief', admin, {
      deptCode: DEPT,
      taskTypes: ['10'],
      validFrom: new Date(now - 3_600_000).toISOString(),
      validTo: new Date(now + 86_400_000).toISOString(),
    });
    expect(grant.status).toBe(201);
  });

  afterAll(() => t.stop());

  it('runs the steps in parallel but refuses the deciding step and the chief’s decision while materials are owed', async () => {
    const caseNo = await open();
    const v = await view(caseNo);
    expect(v.owedMaterials).toEqual(owed.map((o) => ({ ...o, suppliedAt: null })));
    expect((await decide(caseNo, 1, approver(1))).status).toBe(200);
    expect((await decide(caseNo, 2, approver(2))).status).toBe(200);
    const before = await footprint(caseNo);
    const last = await decide(caseNo, 3, approver(3));
    expect([last.status, last.body.code]).toEqual([409, 'OWED_MATERIALS_OUTSTANDING']);
    expect(last.body.details).toEqual({ caseNo, outstanding: owed });
    const deny = await call('POST', `/approvals/${caseNo}/decision`, approver(3), {
      stepNo: 3,
      decision: 'deny',
      opinion: '不符合条件',
    });
    expect([deny.status, deny.body.code]).toEqual([409, 'OWED_MATERIALS_OUTSTANDING']);
    const byChief = await call('POST', `/approvals/${caseNo}/chief-decision`, chief, {
      decision: 'approve',
      opinion: '同意',
    });
    expect([byChief.status, byChief.body.code]).toEqual([409, 'OWED_MATERIALS_OUTSTANDING']);
    expect(await footprint(caseNo)).toEqual(before);

    // Some now (the event delivered twice), the rest later: only then the last step decides.
    const id = await send(
      TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED,
      caseNo,
      supplied(caseNo, ['M03'], ['M02']),
    );
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, supplied(caseNo, ['M03'], ['M02']), {
      id,
    });
    expect((await view(caseNo)).owedMaterials.map((o) => [o.code, o.suppliedAt])).toEqual([
      ['M02', null],
      ['M03', '2026-11-26T02:00:00.000Z'],
    ]);
    expect((await decide(caseNo, 3, approver(3))).body.code).toBe('OWED_MATERIALS_OUTSTANDING');
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, supplied(caseNo, ['M02'], []));
    // The same report under another event id changes nothing.
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, supplied(caseNo, ['M02'], []));
    const after = await view(caseNo);
    expect(after.audit.filter((a) => a.action === 'OWED_SUPPLIED')).toHaveLength(2);
    expect((await decide(caseNo, 3, approver(3))).status).toBe(200);
    expect((await view(caseNo)).status).toBe('APPROVED');
    expect(await decisions(caseNo)).toBe(1);
  });

  it('lets the chief decide once nothing is owed', async () => {
    const caseNo = await open();
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, supplied(caseNo, ['M02', 'M03'], []));
    const r = await call('POST', `/approvals/${caseNo}/chief-decision`, chief, {
      decision: 'approve',
      opinion: '同意',
    });
    expect(r.status).toBe(200);
    expect((await view(caseNo)).status).toBe('APPROVED');
  });

  it('applies a supply that overtook the acceptance when the case opens', async () => {
    const caseNo = uniqueCaseNo();
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, supplied(caseNo, ['M02', 'M03'], []));
    expect(await t.count('SELECT count(*) AS n FROM approval_cases WHERE case_no = $1', [caseNo])).toBe(0);
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo));
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
    expect((await view(caseNo)).owedMaterials.every((o) => o.suppliedAt === '2026-11-26T02:00:00.000Z')).toBe(
      true,
    );
    expect((await decide(caseNo, 1, approver(1))).status).toBe(200);
    expect((await decide(caseNo, 2, approver(2))).status).toBe(200);
    expect((await decide(caseNo, 3, approver(3))).status).toBe(200);
  });

  it('stops approval when owed materials are overdue (退件), once, whatever is redelivered', async () => {
    const caseNo = await open();
    expect((await decide(caseNo, 1, approver(1))).status).toBe(200);
    const id = await send(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, caseNo, overdue(caseNo));
    await send(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, caseNo, overdue(caseNo), { id });
    await send(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, caseNo, overdue(caseNo));
    const v = await view(caseNo);
    expect(v.status).toBe('WITHDRAWN');
    const stops = v.audit.filter((a) => a.action === 'WITHDRAWN');
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ actor: '系统', opinion: expect.stringContaining('容缺材料逾期未补交') });
    const late = await decide(caseNo, 2, approver(2));
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_STATE']);
    expect(await decisions(caseNo)).toBe(0);
  });

  it('approves a case accepted on a signed commitment at once, as the system', async () => {
    const caseNo = await open({
      owedMaterials: undefined,
      commitment: {
        commitmentNo: `CN${'0'.repeat(4)}1234567890`,
        materials: ['M04'],
        postCheckDueDate: '2026-12-24',
      },
    });
    const approved = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    expect(approved.value).toMatchObject({ caseNo, opinion: '告知承诺制，当场审批 (事后核查)' });
    const v = await view(caseNo);
    expect(v).toMatchObject({ status: 'APPROVED', owedMaterials: [] });
    expect(v.audit.map((a) => [a.action, a.actor])).toEqual([
      ['OPENED', '系统'],
      ['APPROVED', '系统'],
    ]);
  });

  it('keeps a stepless case that owes materials open until they arrive, then the system approves it', async () => {
    const caseNo = await open({ projectType: '1' });
    expect((await view(caseNo)).status).toBe('OPEN');
    expect(await decisions(caseNo)).toBe(0);
    await send(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo, supplied(caseNo, ['M02', 'M03'], []));
    const approved = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    expect(approved.value).toMatchObject({ opinion: '容缺材料已补齐，当场办结' });
  });
});
