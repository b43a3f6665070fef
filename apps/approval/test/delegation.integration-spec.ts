import { randomBytes, randomUUID } from 'node:crypto';
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
}

/**
 * Cross-department delegation against the real PostgreSQL and Kafka: an admin delegates items of DEPT
 * to DELEGATE; DELEGATE's approvers see and decide those cases while the delegation is valid now.
 */
describe('approval delegations (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const staff = (n: number, dept = DEPT) =>
    testToken({ sub: `dg-approver-${dept.slice(-4)}-${n}`, roles: ['approver'], name: `审批员${n}`, dept });
  const own = [1, 2, 3].map((n) => staff(n));
  const delegates = [1, 2, 3].map((n) => staff(n, DELEGATE));
  const admin = testToken({ sub: 'dg-admin', roles: ['admin'], name: '管理员' });
  /** An item code no other test uses (delegations are per item). */
  const newItem = () => `${DEPT}D${randomBytes(5).toString('hex').toUpperCase()}`;

  const openCase = (itemCode: string) => openApprovalCase(t, itemCode);
  const { call } = serviceCalls(() => t);
  const decide = (caseNo: string, stepNo: number, token: string) =>
    call('POST', `/approvals/${caseNo}/decision`, token, {
      stepNo,
      decision: 'approve',
      opinion: `环节${stepNo}：同意`,
    });
  const audit = async (caseNo: string) =>
    ((await call('GET', `/approvals/${caseNo}`, own[0])).body.audit ?? []) as AuditRow[];
  const hour = 3600_000;
  const grant = async (itemCodes: string[], over: Record<string, unknown> = {}) => {
    const now = Date.now();
    const r = await call('POST', '/authorisations/delegations', admin, {
      fromDept: DEPT,
      toDept: DELEGATE,
      itemCodes,
      validFrom: new Date(now - hour).toISOString(),
      validTo: new Date(now + hour).toISOString(),
      ...over,
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; state: string };
  };
  const delegationCount = () => t.count('SELECT count(*) AS n FROM delegations', []);
  const auditCount = (caseNo: string) =>
    t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo]);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [TOPICS.APPROVAL_CASE_OPENED, TOPICS.APPROVAL_STEP_COMPLETED, TOPICS.APPROVAL_CASE_APPROVED],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  it('lets the delegate see and decide a step under a valid delegation; the audit names it', async () => {
    const item = newItem();
    const d = await grant([item]);
    expect(d.state).toBe('VALID');
    const caseNo = await openCase(item);
    expect((await call('GET', `/approvals/${caseNo}`, delegates[0])).status).toBe(200);
    const r = await decide(caseNo, 1, delegates[0]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ currentStep: 2 });
    const rows = await audit(caseNo);
    expect(rows.find((a) => a.action === 'STEP_APPROVED')).toMatchObject({
      stepNo: 1,
      dept: DELEGATE,
      delegationId: d.id,
    });
    expect(rows.find((a) => a.action === 'OPENED')?.delegationId).toBeNull();

    // The case's own department keeps its rights (and its rows name no delegation).
    expect((await decide(caseNo, 2, own[1])).status).toBe(200);
    const step2 = (await audit(caseNo)).find((a) => a.stepNo === 2 && a.action === 'STEP_APPROVED');
    expect(step2).toMatchObject({ dept: DEPT, delegationId: null });
    // The last step by another delegate closes the case; the closing row names the delegation too.
    expect((await decide(caseNo, 3, delegates[1])).status).toBe(200);
    expect((await audit(caseNo)).find((a) => a.action === 'APPROVED')).toMatchObject({
      delegationId: d.id,
    });
  });

  it('answers 404 to the delegate for an item out of scope, and keeps the audit unchanged', async () => {
    await grant([newItem()]);
    const caseNo = await openCase(newItem());
    expect((await call('GET', `/approvals/${caseNo}`, delegates[0])).status).toBe(404);
    const before = await auditCount(caseNo);
    const r = await decide(caseNo, 1, delegates[0]);
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('APPROVAL_NOT_FOUND');
    expect(await auditCount(caseNo)).toBe(before);
    expect((await decide(caseNo, 1, own[0])).status).toBe(200);
  });

  it('answers 404 to the delegate once the delegation expired', async () => {
    const item = newItem();
    await grant([item]);
    const caseNo = await openCase(item);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 2 * hour));
    expect((await call('GET', `/approvals/${caseNo}`, delegates[0])).status).toBe(404);
    expect((await decide(caseNo, 1, delegates[0])).status).toBe(404);
    const listed = await call('GET', '/approvals', delegates[0]);
    expect((listed.body.items as Array<{ caseNo: string }>).map((i) => i.caseNo)).not.toContain(caseNo);
    const state = (await call('GET', '/authorisations/delegations', admin)).body.items as Array<{
      itemCodes: string[];
      state: string;
    }>;
    expect(state.find((x) => x.itemCodes.includes(item))?.state).toBe('EXPIRED');
  });

  it('answers 404 to the delegate once the delegation is revoked; revoking twice is 409', async () => {
    const item = newItem();
    const d = await grant([item]);
    const caseNo = await openCase(item);
    expect((await call('GET', `/approvals/${caseNo}`, delegates[0])).status).toBe(200);
    const revoked = await call('POST', `/authorisations/delegations/${d.id}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'REVOKED', revokedBy: 'dg-admin' });
    expect((await call('GET', `/approvals/${caseNo}`, delegates[0])).status).toBe(404);
    expect((await decide(caseNo, 1, delegates[0])).status).toBe(404);
    expect((await call('POST', `/authorisations/delegations/${d.id}/revoke`, admin)).status).toBe(409);
    expect((await call('POST', `/authorisations/delegations/${randomUUID()}/revoke`, admin)).status).toBe(
      404,
    );
    expect((await decide(caseNo, 1, own[0])).status).toBe(200);
  });

  it('lists the delegated cases to the delegate, not other items of the department', async () => {
    const item = newItem();
    await grant([item]);
    const delegated = await openCase(item);
    const notDelegated = await openCase(newItem());
    const r = await call('GET', '/approvals?pageSize=100', delegates[2]);
    expect(r.status).toBe(200);
    const caseNos = (r.body.items as Array<{ caseNo: string }>).map((i) => i.caseNo);
    expect(caseNos).toContain(delegated);
    expect(caseNos).not.toContain(notDelegated);
    const mine = await call('GET', '/approvals?pageSize=100&assignee=me', delegates[2]);
    expect((mine.body.items as Array<{ caseNo: string }>).map((i) => i.caseNo)).toContain(delegated);
  });

  it('refuses bad input on the admin routes with 400 and writes nothing', async () => {
    const before = await delegationCount();
    const now = Date.now();
    const good = {
      fromDept: DEPT,
      toDept: DELEGATE,
      itemCodes: [newItem()],
      validFrom: new Date(now).toISOString(),
      validTo: new Date(now + hour).toISOString(),
    };
    for (const bad of [
      { ...good, fromDept: '113301000024901621' },
      { ...good, toDept: 'not-a-dept' },
      { ...good, toDept: DEPT },
      { ...good, itemCodes: [] },
      { ...good, itemCodes: undefined },
      { ...good, validTo: good.validFrom },
      { ...good, validTo: new Date(now - hour).toISOString() },
      { ...good, validFrom: 'yesterday' },
    ]) {
      const r = await call('POST', '/authorisations/delegations', admin, bad);
      expect([r.status, bad]).toEqual([400, bad]);
    }
    expect((await call('POST', '/authorisations/delegations/not-a-uuid/revoke', admin)).status).toBe(400);
    expect(await delegationCount()).toBe(before);
  });

  it('answers 401 without a token and 403 to non-admins on the admin routes', async () => {
    const id = randomUUID();
    const routes: Array<[string, string, unknown]> = [
      ['POST', '/authorisations/delegations', {}],
      ['POST', `/authorisations/delegations/${id}/revoke`, undefined],
      ['GET', '/authorisations/delegations', undefined],
    ];
    const chief = testToken({ sub: 'dg-chief', roles: ['chief'], name: '首席代表', dept: DEPT });
    for (const [method, path, body] of routes) {
      expect([path, (await call(method, path, undefined, body)).status]).toEqual([path, 401]);
      for (const token of [own[0], delegates[0], chief]) {
        expect([path, (await call(method, path, token, body)).status]).toEqual([path, 403]);
      }
    }
  });
});
