import { randomBytes } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import {
  checkRoutes,
  companyUscc,
  routeTable,
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
} from '@app/shared/testing';
import { openApprovalCase, Row, serviceCalls } from './approval-test-kit';
import { AppModule } from '../src/app.module';
import { ApprovalConfig } from '../src/config/approval.config';

/** This spec's own departments (fresh USCCs): the department, a 行政审批局 and a third one. */
const DEPT = companyUscc();
const DELEGATE = companyUscc();
const THIRD = companyUscc();

/**
 * "A department authorises a 首席代表" and "a department delegates items to another" (issue 9), against
 * the real PostgreSQL and Kafka: the department head (dept_head) grants, lists and revokes the 首席代表
 * authorisations of their own department and the delegations from it; a head of another department
 * gets 403 and nothing is written; an admin keeps every right; other roles get 403.
 */
describe('approval grants by the department head (integration)', () => {
  let t: ServiceUnderTest;
  const head = (dept: string) =>
    testToken({ sub: `gh-head-${dept.slice(-6)}`, roles: ['dept_head'], name: '部门负责人', dept });
  const admin = testToken({ sub: 'gh-admin', roles: ['admin'], name: '管理员' });
  const hour = 3600_000;
  const period = () => ({
    validFrom: new Date(Date.now() - hour).toISOString(),
    validTo: new Date(Date.now() + 24 * hour).toISOString(),
  });
  const newItem = (dept = DEPT) => `${dept}G${randomBytes(5).toString('hex').toUpperCase()}`;

  const { call, post } = serviceCalls(() => t);
  const rows = async () => ({
    authorisations: await t.count('SELECT count(*) AS n FROM chief_authorisations', []),
    revokedAuthorisations: await t.count(
      'SELECT count(*) AS n FROM chief_authorisations WHERE revoked_at IS NOT NULL',
      [],
    ),
    delegations: await t.count('SELECT count(*) AS n FROM delegations', []),
    revokedDelegations: await t.count(
      'SELECT count(*) AS n FROM delegations WHERE revoked_at IS NOT NULL',
      [],
    ),
  });
  const openCase = (itemCode: string) => openApprovalCase(t, itemCode, { deptCode: DEPT });

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [TOPICS.APPROVAL_CASE_OPENED, TOPICS.APPROVAL_CASE_APPROVED],
    });
  });
  afterAll(() => t.stop());

  it('guards the grant routes: 401 without a token, 403 for roles other than admin and dept_head, 4xx for bad input', async () => {
    const routes = routeTable(t.svc.app).filter((r) => r.path.startsWith('/authorisations'));
    expect(routes).toHaveLength(6);
    expect(routes.every((r) => [...r.roles].sort().join() === 'admin,dept_head')).toBe(true);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  it('lets the head authorise their 首席代表, list and revoke; the chief then decides under it', async () => {
    const itemCode = newItem();
    const g = await post(
      '/authorisations/chief',
      { deptCode: DEPT, itemCodes: [itemCode], ...period() },
      head(DEPT),
    );
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ deptCode: DEPT, state: 'VALID', grantedBy: `gh-head-${DEPT.slice(-6)}` });
    // An admin's grant for another department is not in the head's list.
    const foreign = await post(
      '/authorisations/chief',
      { deptCode: THIRD, taskTypes: ['01'], ...period() },
      admin,
    );
    expect(foreign.status).toBe(201);
    const listed = (await call('GET', '/authorisations/chief', head(DEPT))).body.items as Row[];
    expect(listed.map((a) => a.id)).toEqual([g.body.id]);
    const all = (await call('GET', '/authorisations/chief', admin)).body.items as Row[];
    expect(all.map((a) => a.id)).toEqual(expect.arrayContaining([g.body.id, foreign.body.id]));

    const chief = testToken({ sub: 'gh-chief', roles: ['chief'], name: '首席代表', dept: DEPT });
    const caseNo = await openCase(itemCode);
    const decided = await post(
      `/approvals/${caseNo}/chief-decision`,
      { decision: 'approve', opinion: '同意' },
      chief,
    );
    expect([decided.status, decided.body.status]).toEqual([200, 'APPROVED']);

    const rv = await post(`/authorisations/chief/${g.body.id as string}/revoke`, {}, head(DEPT));
    expect(rv.status).toBe(200);
    expect(rv.body).toMatchObject({ state: 'REVOKED', revokedBy: `gh-head-${DEPT.slice(-6)}` });
    const after = await post(
      `/approvals/${await openCase(itemCode)}/chief-decision`,
      { decision: 'approve', opinion: '同意' },
      chief,
    );
    expect([after.status, after.body.code]).toEqual([403, 'CHIEF_NOT_AUTHORISED']);
  });

  it('refuses a head of another department with 403 FORBIDDEN and writes nothing', async () => {
    const own = await post(
      '/authorisations/chief',
      { deptCode: DEPT, itemCodes: [newItem()], ...period() },
      head(DEPT),
    );
    const delegated = await post(
      '/authorisations/delegations',
      { fromDept: DEPT, toDept: DELEGATE, itemCodes: [newItem()], ...period() },
      head(DEPT),
    );
    expect([own.status, delegated.status]).toEqual([201, 201]);
    const before = await rows();
    const refused = [
      await post(
        '/authorisations/chief',
        { deptCode: DEPT, itemCodes: [newItem()], ...period() },
        head(THIRD),
      ),
      await post(`/authorisations/chief/${own.body.id as string}/revoke`, {}, head(THIRD)),
      await post(
        '/authorisations/delegations',
        { fromDept: DEPT, toDept: THIRD, itemCodes: [newItem()], ...period() },
        head(THIRD),
      ),
      // The delegate department's head may not revoke (nor widen) what it received.
      await post(`/authorisations/delegations/${delegated.body.id as string}/revoke`, {}, head(DELEGATE)),
      await post(
        '/authorisations/delegations',
        { fromDept: DEPT, toDept: DELEGATE, itemCodes: [newItem()], ...period() },
        head(DELEGATE),
      ),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array(5).fill([403, 'FORBIDDEN']));
    expect(await rows()).toEqual(before);
    const thirds = (await call('GET', '/authorisations/chief', head(THIRD))).body.items as Row[];
    expect(thirds.map((a) => a.deptCode)).toEqual([THIRD]); // the admin's grant above, not DEPT's
    // An admin revokes any department's grants.
    expect(
      (await post(`/authorisations/chief/${own.body.id as string}/revoke`, {}, admin)).body,
    ).toMatchObject({
      state: 'REVOKED',
      revokedBy: 'gh-admin',
    });
  });

  it('lets the head delegate their items and revoke; lists show a head the delegations from and to it', async () => {
    const d = await post(
      '/authorisations/delegations',
      { fromDept: DEPT, toDept: DELEGATE, itemCodes: [newItem()], ...period() },
      head(DEPT),
    );
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({
      fromDept: DEPT,
      toDept: DELEGATE,
      grantedBy: `gh-head-${DEPT.slice(-6)}`,
    });
    const ids = async (token: string) =>
      ((await call('GET', '/authorisations/delegations', token)).body.items as Row[]).map((x) => x.id);
    expect(await ids(head(DEPT))).toContain(d.body.id);
    expect(await ids(head(DELEGATE))).toContain(d.body.id);
    expect(await ids(head(THIRD))).not.toContain(d.body.id);
    const listed = (await call('GET', '/authorisations/delegations', head(DELEGATE))).body.items as Row[];
    expect(listed.every((x) => x.fromDept === DELEGATE || x.toDept === DELEGATE)).toBe(true);
    const rv = await post(`/authorisations/delegations/${d.body.id as string}/revoke`, {}, head(DEPT));
    expect(rv.body).toMatchObject({ state: 'REVOKED', revokedBy: `gh-head-${DEPT.slice(-6)}` });
    const twice = await post(`/authorisations/delegations/${d.body.id as string}/revoke`, {}, head(DEPT));
    expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('refuses bad input from a head with 400 VALIDATION_FAILED and writes nothing', async () => {
    const before = await rows();
    const from = '2026-11-01T00:00:00Z';
    const to = '2026-12-01T00:00:00Z';
    const bad: Array<[string, Row]> = [
      ['/authorisations/chief', { deptCode: DEPT, validFrom: from, validTo: to }],
      ['/authorisations/chief', { deptCode: DEPT, itemCodes: [newItem()], validFrom: to, validTo: from }],
      ['/authorisations/chief', { deptCode: 'dept', itemCodes: [newItem()], validFrom: from, validTo: to }],
      ['/authorisations/chief', { deptCode: DEPT, taskTypes: ['01'], validFrom: from, validTo: to, x: 1 }],
      [
        '/authorisations/delegations',
        { fromDept: DEPT, toDept: DEPT, itemCodes: [newItem()], validFrom: from, validTo: to },
      ],
      [
        '/authorisations/delegations',
        { fromDept: DEPT, toDept: DELEGATE, itemCodes: [], validFrom: from, validTo: to },
      ],
      [
        '/authorisations/delegations',
        { fromDept: DEPT, toDept: DELEGATE, itemCodes: [newItem()], validFrom: from },
      ],
    ];
    for (const [path, body] of bad) {
      const r = await post(path, body, head(DEPT));
      expect([path, r.status, r.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    }
    const notUuid = await post('/authorisations/delegations/not-a-uuid/revoke', {}, head(DEPT));
    expect([notUuid.status, notUuid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await post(
      '/authorisations/chief/00000000-0000-4000-8000-000000000000/revoke',
      {},
      head(DEPT),
    );
    expect([unknown.status, unknown.body.code]).toEqual([404, 'AUTHORISATION_NOT_FOUND']);
    expect(await rows()).toEqual(before);
  });
});
