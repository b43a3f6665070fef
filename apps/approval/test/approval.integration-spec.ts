import { TOPICS, dlqOf } from '@app/shared/contracts';
import {
  testToken,
  uniqueCaseNo,
  waitFor,
  ServiceUnderTest,
  startServiceUnderTest,
  checkRoutes,
  routeTable,
  testWorkCalendar,
} from '@app/shared/testing';
import { shanghaiDate } from '@app/shared/time';
import { AppModule } from '../src/app.module';
import { ApprovalConfig } from '../src/config/approval.config';

const DEPT = '113301000024901620';

/** Approval service against the real PostgreSQL and Kafka. */
describe('approval service (integration)', () => {
  let t: ServiceUnderTest;
  /** Three approvers of the same department: one person decides at most one step of a case. */
  const staff = (n: number) =>
    testToken({ sub: `approver-${n}`, roles: ['approver'], name: `审批员${n}`, dept: DEPT });
  let approver: string;
  let approvers: string[];

  const accepted = (caseNo: string, projectType = '2') => ({
    caseNo,
    itemCode: `${DEPT}000111203000001`,
    itemName: '食品经营许可',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'b'.repeat(64),
    },
    taskType: '01',
    projectType,
    acceptDocNo: `SL${caseNo}`,
    acceptedAt: new Date().toISOString(),
    promiseDate: '2026-12-01',
    promiseLimit: 5,
    promiseUnit: '1',
    licence: {
      typeCode: '111000000000135652001',
      typeName: '食品经营许可证',
      validYears: 5,
      faceFields: { 经营场所: '杭州' },
    },
    acceptedBy: 'clerk',
  });

  const decide = (caseNo: string, body: unknown, token = approver) =>
    fetch(`${t.svc.url}/approvals/${caseNo}/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const opened = (caseNo: string) =>
    t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
  const openCase = async (projectType = '2') => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo, projectType));
    await opened(caseNo);
    return caseNo;
  };
  const view = async (caseNo: string) =>
    (await (
      await fetch(`${t.svc.url}/approvals/${caseNo}`, { headers: { authorization: `Bearer ${approver}` } })
    ).json()) as {
      status: string;
      currentStep: number | null;
      audit: Array<{ action: string; stepNo: number | null; actor: string; opinion: string | null }>;
    };
  const stepEvents = (caseNo: string) =>
    t.collector
      .find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)
      .map((m) => m.value as { stepNo: number; stepCode: string; result: string; opinion: string });
  /** Everything a decision writes: audit rows and outbox rows of the case. */
  const written = async (caseNo: string) => ({
    audit: await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo]),
    outbox: await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo]),
  });

  beforeAll(async () => {
    approvers = [1, 2, 3].map(staff);
    approver = approvers[0];
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [
        TOPICS.APPROVAL_CASE_OPENED,
        TOPICS.APPROVAL_STEP_COMPLETED,
        TOPICS.APPROVAL_CASE_APPROVED,
        TOPICS.APPROVAL_CASE_DENIED,
        dlqOf(TOPICS.APPLICATION_ACCEPTED),
      ],
    });
  });

  afterAll(() => t.stop());

  it('guards every route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app);
    expect(routes.filter((r) => !r.path.startsWith('/health')).length).toBeGreaterThan(0);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  it('opens one approval case per case, whatever the redeliveries, and approves through three steps', async () => {
    const caseNo = uniqueCaseNo();
    const id = await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo));
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo), { id });
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo));
    const open = await opened(caseNo);
    expect(open.headers).toMatchObject({
      ce_type: 'approval.case.opened',
      ce_subject: caseNo,
      ce_source: '/gov-platform/approval',
    });
    expect(open.value).toMatchObject({ caseNo, steps: ['承办', '审核', '批准'], dueDate: '2026-12-01' });
    await waitFor(
      async () => (await t.count('SELECT count(*) AS n FROM processed_events', [])) >= 2 || undefined,
    );
    expect(await t.count('SELECT count(*) AS n FROM approval_cases WHERE case_no = $1', [caseNo])).toBe(1);
    expect(t.collector.find(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo)).toHaveLength(1);

    const opinions = ['承办：材料齐全', '审核：同意', '批准：准予许可'];
    for (const [i, opinion] of opinions.entries()) {
      const r = await decide(caseNo, { stepNo: i + 1, decision: 'approve', opinion }, approvers[i]);
      expect(r.status).toBe(200);
      // The answer (built from what the decision's transaction read and wrote, the closing one too) is the
      // case as a fresh read shows it.
      expect(await r.json()).toEqual(await view(caseNo));
    }
    const ok = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    expect(ok.value).toMatchObject({
      caseNo,
      licence: { typeCode: '111000000000135652001' },
      opinion: '批准：准予许可',
    });
    // The last step's event commits with the approval but travels on another topic: it may arrive after it.
    await t.collector.waitForMessage(
      TOPICS.APPROVAL_STEP_COMPLETED,
      (m) => m.key === caseNo && (m.value as { stepCode: string }).stepCode === '3',
    );
    expect(
      t.collector
        .find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)
        .map((m) => (m.value as { stepCode: string }).stepCode),
    ).toEqual(['1', '2', '3']);
    // each step's limit travels with the event that starts it (电子监察 watches it): 承办 2, 审核 2, 批准 1
    // working days from the day the step starts; the deciding step names no next step
    const cal = testWorkCalendar();
    const today = shanghaiDate(new Date());
    expect((open.value as { stepDueDate: string }).stepDueDate).toBe(cal.addWorkingDays(today, 2));
    expect(
      t.collector
        .find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)
        .map((m) => {
          const v = m.value as { nextStepNo?: number; nextStepName?: string; nextStepDueDate?: string };
          return [v.nextStepNo, v.nextStepName, v.nextStepDueDate];
        }),
    ).toEqual([
      [2, '审核', cal.addWorkingDays(today, 2)],
      [3, '批准', cal.addWorkingDays(today, 1)],
      [undefined, undefined, undefined],
    ]);
    const closed = await decide(caseNo, { stepNo: 3, decision: 'approve', opinion: '再次批准' }, staff(4));
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({ code: 'INVALID_STATE' });
    const v = await view(caseNo);
    expect(v.status).toBe('APPROVED');
    expect(v.audit.map((a) => [a.action, a.stepNo, a.actor])).toEqual([
      ['OPENED', null, '系统'],
      ['STEP_APPROVED', 1, '审批员1'],
      ['STEP_APPROVED', 2, '审批员2'],
      ['STEP_APPROVED', 3, '审批员3'],
      ['APPROVED', null, '审批员3'],
    ]);
  });

  it('records 不同意 before the last step and moves on; only the last step denies (不予许可)', async () => {
    const denied = await openCase();
    const r1 = await decide(denied, { stepNo: 1, decision: 'deny', opinion: '拟不予许可：不符合法定条件' });
    expect(r1.status).toBe(200);
    expect(await r1.json()).toMatchObject({ status: 'OPEN', currentStep: 2 });
    const s1 = await t.collector.waitForMessage(
      TOPICS.APPROVAL_STEP_COMPLETED,
      (m) => m.key === denied && (m.value as { stepNo: number }).stepNo === 1,
    );
    expect(s1.value).toMatchObject({ stepCode: '1', result: '0', opinion: '拟不予许可：不符合法定条件' });
    expect(t.collector.find(TOPICS.APPROVAL_CASE_DENIED, (m) => m.key === denied)).toHaveLength(0);

    expect(
      (await decide(denied, { stepNo: 2, decision: 'approve', opinion: '审核：同意' }, approvers[1])).status,
    ).toBe(200);
    const r3 = await decide(
      denied,
      { stepNo: 3, decision: 'deny', opinion: '不予许可：不符合法定条件' },
      approvers[2],
    );
    expect(r3.status).toBe(200);
    expect(await r3.json()).toMatchObject({ status: 'DENIED', currentStep: null });
    const d = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_DENIED, (m) => m.key === denied);
    expect(d.value).toMatchObject({ caseNo: denied, opinion: '不予许可：不符合法定条件' });
    await waitFor(() => stepEvents(denied).length === 3 || undefined);
    expect(stepEvents(denied).map((e) => [e.stepNo, e.stepCode, e.result])).toEqual([
      [1, '1', '0'],
      [2, '2', '1'],
      [3, '3', '0'],
    ]);
    expect(t.collector.find(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === denied)).toHaveLength(0);
    expect((await view(denied)).audit.map((a) => a.action)).toEqual([
      'OPENED',
      'STEP_DENIED',
      'STEP_APPROVED',
      'STEP_DENIED',
      'DENIED',
    ]);

    // The last step may approve although an earlier step proposed 不予许可.
    const overruled = await openCase();
    await decide(overruled, { stepNo: 1, decision: 'deny', opinion: '拟不予许可' });
    await decide(overruled, { stepNo: 2, decision: 'deny', opinion: '拟不予许可' }, approvers[1]);
    expect(
      (await decide(overruled, { stepNo: 3, decision: 'approve', opinion: '准予许可' }, approvers[2])).status,
    ).toBe(200);
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === overruled);
  });

  it('closes 即办件 at once and keeps the audit trail append-only', async () => {
    const caseNo = await openCase();
    expect((await decide(caseNo, { stepNo: 1, decision: 'deny', opinion: '拟不予许可' })).status).toBe(200);
    const immediate = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, immediate, accepted(immediate, '1'));
    const a = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === immediate);
    expect(a.value).toMatchObject({ opinion: '即办件，当场办结' });

    await expect(
      t.pg.query(`UPDATE approval_audit SET opinion = 'changed' WHERE case_no = $1`, [caseNo]),
    ).rejects.toThrow(/append-only/);
    await expect(t.pg.query(`DELETE FROM approval_audit WHERE case_no = $1`, [caseNo])).rejects.toThrow(
      /append-only/,
    );
  });

  it('lets only the approver of the case’s department decide, and validates the body', async () => {
    const caseNo = await openCase();
    const before = await written(caseNo);
    const other = testToken({ sub: 'a2', roles: ['approver'], dept: '11330100002491026R' });
    expect((await decide(caseNo, { stepNo: 1, decision: 'approve', opinion: '同意' }, other)).status).toBe(
      404,
    );
    expect(
      (
        await decide(
          caseNo,
          { stepNo: 1, decision: 'approve', opinion: '同意' },
          testToken({ sub: 'c', roles: ['applicant'] }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${t.svc.url}/approvals/${caseNo}/decision`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
    for (const body of [
      { stepNo: 1, decision: 'maybe', opinion: '同意' },
      { stepNo: 1, decision: 'approve' },
      { stepNo: 1, decision: 'approve', opinion: 42 },
      { stepNo: 1, decision: 'approve', opinion: '同意', extra: 1 },
      { decision: 'approve', opinion: '同意' },
      { stepNo: '1', decision: 'approve', opinion: '同意' },
      { stepNo: 1.5, decision: 'approve', opinion: '同意' },
      { stepNo: 0, decision: 'approve', opinion: '同意' },
      { stepNo: 4, decision: 'approve', opinion: '同意' },
    ]) {
      const r = await decide(caseNo, body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await decide(uniqueCaseNo(), { stepNo: 1, decision: 'approve', opinion: '同意' })).status).toBe(
      404,
    );
    expect(await written(caseNo)).toEqual(before);
    const list = (await (
      await fetch(`${t.svc.url}/approvals?status=OPEN&pageSize=100`, {
        headers: { authorization: `Bearer ${other}` },
      })
    ).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });

  it('answers an approver of another department exactly like an unknown case: 404, nothing written', async () => {
    const caseNo = await openCase();
    const before = await written(caseNo);
    const other = testToken({ sub: 'foreign-approver', roles: ['approver'], dept: '11330100002491026R' });
    const read = await fetch(`${t.svc.url}/approvals/${caseNo}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    const readBody = (await read.json()) as { code: string; details?: unknown };
    expect([read.status, readBody.code]).toEqual([404, 'APPROVAL_NOT_FOUND']);
    expect(readBody.details).toEqual({ caseNo });
    const decided = await decide(caseNo, { stepNo: 1, decision: 'approve', opinion: '同意' }, other);
    const decidedBody = (await decided.json()) as { code: string; details?: unknown };
    expect([decided.status, decidedBody.code]).toEqual([404, 'APPROVAL_NOT_FOUND']);
    expect(decidedBody.details).toEqual({ caseNo });
    // Nothing in the answer tells the case exists or who owns it: an unknown case is answered the same way.
    const unknown = uniqueCaseNo();
    const none = (await (
      await fetch(`${t.svc.url}/approvals/${unknown}`, { headers: { authorization: `Bearer ${other}` } })
    ).json()) as { code: string; details?: unknown };
    expect(none).toMatchObject({ code: 'APPROVAL_NOT_FOUND', details: { caseNo: unknown } });
    expect(JSON.stringify([readBody, decidedBody])).not.toContain(DEPT);
    expect(await written(caseNo)).toEqual(before);
    expect(await view(caseNo)).toMatchObject({ status: 'OPEN', currentStep: 1 });
    // An admin still reads every department's cases.
    const admin = testToken({ sub: 'admin-1', roles: ['admin'] });
    const asAdmin = await fetch(`${t.svc.url}/approvals/${caseNo}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(asAdmin.status).toBe(200);
  });

  it('refuses a blank, too short or control-character opinion with 400 and writes nothing; trims the rest', async () => {
    const caseNo = await openCase();
    const before = await written(caseNo);
    for (const opinion of ['   ', ' \n\t ', ' 同 ', '同意\u0007', 'x'.repeat(1001)]) {
      const r = await decide(caseNo, { stepNo: 1, decision: 'approve', opinion });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await written(caseNo)).toEqual(before);
    const ok = await decide(caseNo, { stepNo: 1, decision: 'approve', opinion: '  承办：同意\n材料齐全  ' });
    expect(ok.status).toBe(200);
    const v = await view(caseNo);
    expect(v.audit.find((a) => a.stepNo === 1)?.opinion).toBe('承办：同意\n材料齐全');
  });

  it('answers a stale or duplicate stepNo with 409 STEP_MISMATCH and writes nothing', async () => {
    const caseNo = await openCase();
    const ahead = await decide(caseNo, { stepNo: 2, decision: 'approve', opinion: '越级审核' }, approvers[1]);
    expect(ahead.status).toBe(409);
    expect(await ahead.json()).toMatchObject({
      code: 'STEP_MISMATCH',
      details: { currentStepNo: 1, stepNo: 2 },
    });
    expect((await decide(caseNo, { stepNo: 1, decision: 'approve', opinion: '承办：同意' })).status).toBe(
      200,
    );
    const before = await written(caseNo);
    // A double click of the same approver, and a second approver still looking at step 1.
    for (const token of [approvers[0], approvers[1]]) {
      const stale = await decide(caseNo, { stepNo: 1, decision: 'approve', opinion: '承办：同意' }, token);
      expect(stale.status).toBe(409);
      expect(await stale.json()).toMatchObject({
        code: 'STEP_MISMATCH',
        message: expect.stringContaining('当前环节'),
        details: { currentStepNo: 2, stepNo: 1 },
      });
    }
    expect(await written(caseNo)).toEqual(before);
    expect(await view(caseNo)).toMatchObject({ status: 'OPEN', currentStep: 2 });
  });

  it('refuses a second step decided by the same person with 403 SEPARATION_OF_DUTIES', async () => {
    const caseNo = await openCase();
    expect((await decide(caseNo, { stepNo: 1, decision: 'approve', opinion: '承办：同意' })).status).toBe(
      200,
    );
    const before = await written(caseNo);
    for (const decision of ['approve', 'deny']) {
      const again = await decide(caseNo, { stepNo: 2, decision, opinion: '审核：同意' }, approvers[0]);
      expect(again.status).toBe(403);
      expect(await again.json()).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        message: expect.stringMatching(/同一人.*\/ The same person/),
        details: { stepNo: 2, decidedStepNo: 1 },
      });
    }
    expect(await written(caseNo)).toEqual(before);
    expect(
      (await decide(caseNo, { stepNo: 2, decision: 'approve', opinion: '审核：同意' }, approvers[1])).status,
    ).toBe(200);
    // Neither the 承办 nor the 审核 approver may take the 批准 step.
    for (const token of [approvers[0], approvers[1]]) {
      const r = await decide(caseNo, { stepNo: 3, decision: 'approve', opinion: '批准' }, token);
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    }
    expect(
      (await decide(caseNo, { stepNo: 3, decision: 'approve', opinion: '批准' }, approvers[2])).status,
    ).toBe(200);
  });

  it('lets exactly one of two concurrent decisions on the same step through', async () => {
    const caseNo = await openCase();
    const responses = await Promise.all(
      [approvers[0], approvers[1]].map((token, i) =>
        decide(caseNo, { stepNo: 1, decision: 'approve', opinion: `承办：同意 (${i + 1})` }, token),
      ),
    );
    const results = await Promise.all(
      responses.map(async (r) => [r.status, ((await r.json()) as { code?: string }).code]),
    );
    expect(results.map(([status]) => status).sort()).toEqual([200, 409]);
    expect(results.find(([status]) => status === 409)?.[1]).toBe('STEP_MISMATCH');
    const v = await view(caseNo);
    expect(v).toMatchObject({ status: 'OPEN', currentStep: 2 });
    expect(v.audit.filter((a) => a.stepNo !== null)).toHaveLength(1);
    await waitFor(() => stepEvents(caseNo).length === 1 || undefined);
    expect(
      await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2', [
        caseNo,
        TOPICS.APPROVAL_STEP_COMPLETED,
      ]),
    ).toBe(1);
  });

  it('dead-letters a poison message and keeps processing the partition', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, null, { rawValue: 'poison' });
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo));
    const dead = await t.collector.waitForMessage(
      dlqOf(TOPICS.APPLICATION_ACCEPTED),
      (m) => m.key === caseNo,
    );
    expect(dead.headers).toMatchObject({
      'x-dlq-reason': 'INVALID_JSON',
      'x-dlq-original-topic': TOPICS.APPLICATION_ACCEPTED,
    });
    await opened(caseNo);
  });
});
