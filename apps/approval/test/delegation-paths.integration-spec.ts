import { randomBytes } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import { ServiceUnderTest, startServiceUnderTest, testToken } from '@app/shared/testing';
import { openApprovalCase, serviceCalls } from './approval-test-kit';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/approvals/clock';
import { ApprovalConfig } from '../src/config/approval.config';

const DEPT = '113301000024901620';
/** The delegate department (e.g. a 行政审批局). */
const DELEGATE = '11330100002491026R';

interface AuditRow {
  action: string;
  stepNo: number | null;
  dept: string | null;
  delegationId: string | null;
  authorisationId: string | null;
  procedureId: string | null;
}

/**
 * The delegate's other paths, against the real PostgreSQL and Kafka: 退回, 特别程序 start and end, and a
 * 首席代表 one-act decision taken under a cross-department delegation. Each is audited with the
 * delegation; once the delegation is revoked or expired the delegate is refused (the case is not found
 * for them) and nothing is written.
 */
describe('approval delegations: 退回, 特别程序 and 首席代表 (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const token = (role: 'approver' | 'chief', n: number, dept = DELEGATE) =>
    testToken({ sub: `dp-${role}-${dept.slice(-4)}-${n}`, roles: [role], name: `${role}${n}`, dept });
  const own = token('approver', 1, DEPT);
  const [delegate1, delegate2] = [1, 2].map((n) => token('approver', n));
  const delegateChief = token('chief', 1);
  const admin = testToken({ sub: 'dp-admin', roles: ['admin'], name: '管理员' });
  const newItem = () => `${DEPT}P${randomBytes(5).toString('hex').toUpperCase()}`;
  const hour = 3600_000;

  const { call, post } = serviceCalls(() => t);
  const openCase = (itemCode: string) => openApprovalCase(t, itemCode);
  /** A delegation of the items from DEPT to DELEGATE, valid for the next hour. */
  const delegate = async (itemCodes: string[]) => {
    const now = Date.now();
    const r = await post(
      '/authorisations/delegations',
      {
        fromDept: DEPT,
        toDept: DELEGATE,
        itemCodes,
        validFrom: new Date(now - hour).toISOString(),
        validTo: new Date(now + hour).toISOString(),
      },
      admin,
    );
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const audit = async (caseNo: string) =>
    ((await call('GET', `/approvals/${caseNo}`, own)).body.audit ?? []) as AuditRow[];
  const written = async (caseNo: string) => ({
    audit: await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo]),
    outbox: await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo]),
    procedures: await t.count('SELECT count(*) AS n FROM special_procedures WHERE case_no = $1', [caseNo]),
    version: await t.count('SELECT version AS n FROM approval_cases WHERE case_no = $1', [caseNo]),
  });
  const returnStep = (caseNo: string, bearer: string) =>
    post(`/approvals/${caseNo}/return`, { stepNo: 2, reason: '承办意见不充分' }, bearer);
  const startProcedure = (caseNo: string, bearer: string) =>
    post(
      `/approvals/${caseNo}/special-procedures`,
      { type: '3', reason: '公示', expectedEndDate: '2026-12-03' },
      bearer,
    );
  const endProcedure = (caseNo: string, id: string, bearer: string) =>
    post(`/approvals/${caseNo}/special-procedures/${id}/end`, { result: '公示期满无异议' }, bearer);
  const chiefDecide = (caseNo: string) =>
    post(
      `/approvals/${caseNo}/chief-decision`,
      { decision: 'approve', opinion: '首席代表：同意' },
      delegateChief,
    );
  /** A 首席代表 authorisation of the DELEGATE department for the items (its own chief acts under it). */
  const authoriseDelegateChief = async (itemCodes: string[]) => {
    const r = await post(
      '/authorisations/chief',
      { deptCode: DELEGATE, itemCodes, validFrom: '2026-01-01T00:00:00Z', validTo: '2027-12-31T00:00:00Z' },
      admin,
    );
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [
        TOPICS.APPROVAL_CASE_OPENED,
        TOPICS.APPROVAL_STEP_RETURNED,
        TOPICS.APPROVAL_CASE_SUSPENDED,
        TOPICS.APPROVAL_CASE_RESUMED,
        TOPICS.APPROVAL_CASE_APPROVED,
      ],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  it('lets the delegate return a step (退回); the RETURNED row names the delegation', async () => {
    const item = newItem();
    const d = await delegate([item]);
    const caseNo = await openCase(item);
    expect(
      (
        await post(
          `/approvals/${caseNo}/decision`,
          { stepNo: 1, decision: 'approve', opinion: '同意' },
          delegate1,
        )
      ).status,
    ).toBe(200);
    const r = await returnStep(caseNo, delegate2);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'OPEN', currentStep: 1 });
    const ev = await t.collector.waitForMessage(TOPICS.APPROVAL_STEP_RETURNED, (m) => m.key === caseNo);
    expect(ev.value).toMatchObject({ fromStepNo: 2, toStepNo: 1, returnedBy: 'approver2' });
    expect((await audit(caseNo)).find((a) => a.action === 'RETURNED')).toMatchObject({
      stepNo: 2,
      dept: DELEGATE,
      delegationId: d,
    });
  });

  it('lets the delegate start and end a 特别程序; SUSPENDED and RESUMED name the delegation', async () => {
    const item = newItem();
    const d = await delegate([item]);
    const caseNo = await openCase(item);
    const s = await startProcedure(caseNo, delegate1);
    expect([s.status, s.body.status]).toEqual([200, 'SUSPENDED']);
    const id = (s.body.specialProcedures as Array<{ id: string }>)[0].id;
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_SUSPENDED, (m) => m.key === caseNo);
    const e = await endProcedure(caseNo, id, delegate2);
    expect([e.status, e.body.status]).toEqual([200, 'OPEN']);
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_RESUMED, (m) => m.key === caseNo);
    const rows = (await audit(caseNo)).filter((a) => a.procedureId === id);
    expect(rows.map((a) => [a.action, a.dept, a.delegationId])).toEqual([
      ['SUSPENDED', DELEGATE, d],
      ['RESUMED', DELEGATE, d],
    ]);
  });

  it('lets the delegate’s 首席代表 decide all steps in one act; each row names the authorisation and the delegation', async () => {
    const item = newItem();
    const d = await delegate([item]);
    const g = await authoriseDelegateChief([item]);
    const caseNo = await openCase(item);
    const r = await chiefDecide(caseNo);
    expect([r.status, r.body.status]).toEqual([200, 'APPROVED']);
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    const rows = (await audit(caseNo)).filter((a) => a.action !== 'OPENED');
    expect(rows.map((a) => [a.action, a.stepNo, a.dept, a.authorisationId, a.delegationId])).toEqual([
      ['STEP_APPROVED', 1, DELEGATE, g, d],
      ['STEP_APPROVED', 2, DELEGATE, g, d],
      ['STEP_APPROVED', 3, DELEGATE, g, d],
      ['APPROVED', null, DELEGATE, g, d],
    ]);
  });

  it('refuses 退回, 特别程序 start / end and the chief decision once the delegation is revoked, writing nothing', async () => {
    const item = newItem();
    const d = await delegate([item]);
    await authoriseDelegateChief([item]);
    const returnable = await openCase(item);
    expect(
      (
        await post(
          `/approvals/${returnable}/decision`,
          { stepNo: 1, decision: 'approve', opinion: '同意' },
          own,
        )
      ).status,
    ).toBe(200);
    const running = await openCase(item);
    const s = await startProcedure(running, delegate1);
    expect(s.status).toBe(200);
    const id = (s.body.specialProcedures as Array<{ id: string }>)[0].id;
    const fresh = await openCase(item);
    expect((await post(`/authorisations/delegations/${d}/revoke`, {}, admin)).status).toBe(200);

    const before = [await written(returnable), await written(running), await written(fresh)];
    const refused = [
      await returnStep(returnable, delegate2),
      await endProcedure(running, id, delegate2),
      await startProcedure(fresh, delegate1),
      await chiefDecide(fresh),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([404, 'APPROVAL_NOT_FOUND']));
    expect([await written(returnable), await written(running), await written(fresh)]).toEqual(before);
    // The case's own department still acts.
    expect((await endProcedure(running, id, own)).status).toBe(200);
  });

  it('refuses them once the delegation expired, writing nothing', async () => {
    const item = newItem();
    await delegate([item]);
    await authoriseDelegateChief([item]);
    const returnable = await openCase(item);
    expect(
      (
        await post(
          `/approvals/${returnable}/decision`,
          { stepNo: 1, decision: 'approve', opinion: '同意' },
          delegate1,
        )
      ).status,
    ).toBe(200);
    const running = await openCase(item);
    const id = ((await startProcedure(running, delegate1)).body.specialProcedures as Array<{ id: string }>)[0]
      .id;
    const fresh = await openCase(item);
    // Two hours later the delegation (valid one hour) has expired; the chief's authorisation has not.
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 2 * hour));
    const before = [await written(returnable), await written(running), await written(fresh)];
    const refused = [
      await returnStep(returnable, delegate2),
      await endProcedure(running, id, delegate2),
      await startProcedure(fresh, delegate1),
      await chiefDecide(fresh),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([404, 'APPROVAL_NOT_FOUND']));
    expect([await written(returnable), await written(running), await written(fresh)]).toEqual(before);
  });
});
