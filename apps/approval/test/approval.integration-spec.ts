import { TOPICS, dlqOf } from '@app/shared/contracts';
import {
  testToken,
  uniqueCaseNo,
  waitFor,
  ServiceUnderTest,
  startServiceUnderTest,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { ApprovalConfig } from '../src/config/approval.config';

const DEPT = '113301000024901620';

/** Approval service against the real PostgreSQL and Kafka. */
describe('approval service (integration)', () => {
  let t: ServiceUnderTest;
  const approver = testToken({ sub: 'approver-1', roles: ['approver'], name: '审批员', dept: DEPT });

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

  beforeAll(async () => {
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

    for (const opinion of ['承办：材料齐全', '审核：同意', '批准：准予许可']) {
      expect((await decide(caseNo, { decision: 'approve', opinion })).status).toBe(200);
    }
    const ok = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    expect(ok.value).toMatchObject({
      caseNo,
      licence: { typeCode: '111000000000135652001' },
      opinion: '批准：准予许可',
    });
    expect(
      t.collector
        .find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)
        .map((m) => (m.value as { stepCode: string }).stepCode),
    ).toEqual(['1', '2', '3']);
    const closed = await decide(caseNo, { decision: 'approve', opinion: '再次批准' });
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({ code: 'INVALID_STATE' });
    const view = (await (
      await fetch(`${t.svc.url}/approvals/${caseNo}`, { headers: { authorization: `Bearer ${approver}` } })
    ).json()) as { audit: Array<{ action: string }>; status: string };
    expect(view.status).toBe('APPROVED');
    expect(view.audit.map((a) => a.action)).toEqual([
      'OPENED',
      'STEP_APPROVED',
      'STEP_APPROVED',
      'STEP_APPROVED',
      'APPROVED',
    ]);
  });

  it('denies at any step, closes 即办件 at once, and keeps the audit trail append-only', async () => {
    const denied = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, denied, accepted(denied));
    await opened(denied);
    expect((await decide(denied, { decision: 'deny', opinion: '不符合法定条件' })).status).toBe(200);
    const d = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_DENIED, (m) => m.key === denied);
    expect(d.value).toMatchObject({ opinion: '不符合法定条件' });

    const immediate = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, immediate, accepted(immediate, '1'));
    const a = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === immediate);
    expect(a.value).toMatchObject({ opinion: '即办件，当场办结' });

    await expect(
      t.pg.query(`UPDATE approval_audit SET opinion = 'changed' WHERE case_no = $1`, [denied]),
    ).rejects.toThrow(/append-only/);
    await expect(t.pg.query(`DELETE FROM approval_audit WHERE case_no = $1`, [denied])).rejects.toThrow(
      /append-only/,
    );
  });

  it('lets only the approver of the case’s department decide, and validates the body', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo));
    await opened(caseNo);
    const before = await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo]);
    const other = testToken({ sub: 'a2', roles: ['approver'], dept: '11330100002491026R' });
    expect((await decide(caseNo, { decision: 'approve', opinion: '同意' }, other)).status).toBe(403);
    expect(
      (
        await decide(
          caseNo,
          { decision: 'approve', opinion: '同意' },
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
      { decision: 'maybe', opinion: '同意' },
      { decision: 'approve' },
      { decision: 'approve', opinion: 42 },
      { decision: 'approve', opinion: '同意', extra: 1 },
    ]) {
      const r = await decide(caseNo, body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await decide(uniqueCaseNo(), { decision: 'approve', opinion: '同意' })).status).toBe(404);
    expect(await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo])).toBe(
      before,
    );
    const list = (await (
      await fetch(`${t.svc.url}/approvals?status=OPEN&pageSize=100`, {
        headers: { authorization: `Bearer ${other}` },
      })
    ).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
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
