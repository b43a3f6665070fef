import { randomBytes } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import {
  checkRoutes,
  routeTable,
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  testWorkCalendar,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/approvals/clock';
import { ApprovalConfig } from '../src/config/approval.config';

const DEPT = '113301000024901620';
const OTHER_DEPT = '11330100002491026R';

interface StepView {
  stepNo: number;
  code: string;
  name: string;
  role: string;
  limitDays: number | null;
  state: string;
  startedOn: string | null;
  dueDate: string | null;
}
interface CaseView {
  status: string;
  currentStep: number | null;
  dueDate: string;
  workflowVersion: number | null;
  steps: StepView[];
  audit: Array<{
    action: string;
    stepNo: number | null;
    actor: string;
    opinion: string | null;
    authorisationId: string | null;
    procedureId: string | null;
  }>;
  specialProcedures: Array<{ id: string; state: string; pausedWorkingDays: number | null }>;
}

/**
 * Versioned workflows, 首席代表 mode, 退回 and 特别程序 against the real PostgreSQL and Kafka. The service
 * runs with the test calendar fixture; its Clock is moved around National Day 2026 and New Year 2027.
 */
describe('approval procedures (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const staff = (n: number, dept = DEPT) =>
    testToken({ sub: `pr-approver-${n}`, roles: ['approver'], name: `审批员${n}`, dept });
  const approvers = [1, 2, 3].map((n) => staff(n));
  const chief = (dept = DEPT) => testToken({ sub: 'pr-chief', roles: ['chief'], name: '首席代表', dept });
  const admin = testToken({ sub: 'pr-admin', roles: ['admin'], name: '管理员' });
  const cal = testWorkCalendar();
  /** An item code no other test uses (workflow versions and authorisations are per item). */
  const newItem = () => `${DEPT}T${randomBytes(5).toString('hex').toUpperCase()}`;

  const accepted = (
    caseNo: string,
    over: { itemCode?: string; projectType?: string; taskType?: string; promiseDate?: string } = {},
  ) => ({
    caseNo,
    itemCode: over.itemCode ?? `${DEPT}000111203000001`,
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
    taskType: over.taskType ?? '01',
    projectType: over.projectType ?? '2',
    acceptDocNo: `SL${caseNo}`,
    acceptedAt: new Date().toISOString(),
    promiseDate: over.promiseDate ?? '2026-12-01',
    promiseLimit: 5,
    promiseUnit: '1',
    licence: null,
    acceptedBy: 'clerk',
  });
  const openCase = async (over: Parameters<typeof accepted>[1] = {}) => {
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
  const post = (path: string, body: unknown, token: string) => call('POST', path, token, body);
  const view = async (caseNo: string) =>
    (await call('GET', `/approvals/${caseNo}`, approvers[0])).body as unknown as CaseView;
  const decide = (caseNo: string, stepNo: number, token: string, decision = 'approve') =>
    post(`/approvals/${caseNo}/decision`, { stepNo, decision, opinion: `环节${stepNo}：同意` }, token);
  const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
  /** Everything a command writes for a case, and the rows of the new tables. */
  const written = async (caseNo = '-') => ({
    audit: await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo]),
    outbox: await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1', [caseNo]),
    caseVersion: await t.count(
      'SELECT coalesce(max(version), 0) AS n FROM approval_cases WHERE case_no = $1',
      [caseNo],
    ),
    workflows: await t.count('SELECT count(*) AS n FROM workflow_definitions', []),
    authorisations: await t.count(
      'SELECT count(*) AS n FROM chief_authorisations WHERE revoked_at IS NULL',
      [],
    ),
    procedures: await t.count('SELECT count(*) AS n FROM special_procedures WHERE ended_at IS NULL', []),
  });

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [
        TOPICS.APPROVAL_CASE_OPENED,
        TOPICS.APPROVAL_STEP_COMPLETED,
        TOPICS.APPROVAL_CASE_APPROVED,
        TOPICS.APPROVAL_CASE_DENIED,
        TOPICS.APPROVAL_STEP_RETURNED,
        TOPICS.APPROVAL_CASE_SUSPENDED,
        TOPICS.APPROVAL_CASE_RESUMED,
      ],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  it('guards every new route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app).filter(
      (r) =>
        r.path.startsWith('/workflows') ||
        r.path.startsWith('/authorisations') ||
        r.path.includes('/:caseNo/'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(9);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  describe('versioned workflows', () => {
    it('seeds the defaults: 承诺件 承办 2 / 审核 2 / 批准 1 working days, 即办件 no manual step', async () => {
      const r = await call('GET', `/workflows/${newItem()}`, approvers[0]);
      expect(r.status).toBe(200);
      expect(r.body.versions).toEqual([]);
      const defaults = r.body.defaults as Array<{ projectType: string; steps: unknown[] }>;
      expect(defaults.map((d) => [d.projectType, d.steps])).toEqual([
        ['1', []],
        [
          '2',
          [
            { stepNo: 1, code: '1', name: '承办', role: 'approver', limitDays: 2 },
            { stepNo: 2, code: '2', name: '审核', role: 'approver', limitDays: 2 },
            { stepNo: 3, code: '3', name: '批准', role: 'approver', limitDays: 1 },
          ],
        ],
      ]);
    });

    it('opens a 3-step default case with step due dates in working days across National Day', async () => {
      at('2026-09-30T02:00:00Z');
      const caseNo = await openCase();
      const v = await view(caseNo);
      expect(v).toMatchObject({ status: 'OPEN', currentStep: 1, workflowVersion: 1 });
      expect(v.steps.map((s) => [s.code, s.role, s.limitDays, s.startedOn, s.dueDate])).toEqual([
        ['1', 'approver', 2, '2026-09-30', '2026-10-09'],
        ['2', 'approver', 2, null, null],
        ['3', 'approver', 1, null, null],
      ]);
      expect(cal.addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
      at('2026-10-09T02:00:00Z');
      expect((await decide(caseNo, 1, approvers[0])).status).toBe(200);
      // 审核 starts 2026-10-09: + 2 → 10-10 (Saturday worked in exchange, 调休) and 10-12.
      expect((await view(caseNo)).steps[1]).toMatchObject({
        state: 'CURRENT',
        startedOn: '2026-10-09',
        dueDate: '2026-10-12',
      });
    });

    it('publishes versions per item: 0 steps closes at once, 1 step decides, open cases keep their version', async () => {
      const zeroItem = newItem();
      const created = await post('/workflows', { itemCode: zeroItem, steps: [] }, admin);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        itemCode: zeroItem,
        version: 1,
        steps: [],
        createdBy: 'pr-admin',
      });
      const zero = await openCase({ itemCode: zeroItem });
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === zero);
      expect(await view(zero)).toMatchObject({ status: 'APPROVED', steps: [], workflowVersion: 1 });

      const oneItem = newItem();
      const v1 = [{ code: '3', role: 'approver', limitDays: 1 }];
      expect((await post('/workflows', { itemCode: oneItem, steps: v1 }, admin)).status).toBe(201);
      at('2026-12-31T02:00:00Z');
      const one = await openCase({ itemCode: oneItem });
      // 2026-12-31 + 1 working day: 2027-01-01 is a holiday in the fixture, then a weekend.
      expect((await view(one)).steps).toEqual([
        {
          stepNo: 1,
          code: '3',
          name: '批准',
          role: 'approver',
          limitDays: 1,
          state: 'CURRENT',
          startedOn: '2026-12-31',
          dueDate: '2027-01-04',
        },
      ]);
      const v2 = [
        { code: '1', role: 'approver', limitDays: 3 },
        { code: '2', role: 'approver', limitDays: 2 },
        { code: '3', role: 'chief', limitDays: 1 },
      ];
      const second = await post('/workflows', { itemCode: oneItem, steps: v2 }, admin);
      expect(second.body).toMatchObject({ version: 2 });
      const versions = await call('GET', `/workflows/${oneItem}`, admin);
      expect((versions.body.versions as Array<{ version: number }>).map((x) => x.version)).toEqual([2, 1]);

      // The case opened with version 1 keeps its single step.
      expect((await decide(one, 1, approvers[0])).status).toBe(200);
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === one);
      expect(await view(one)).toMatchObject({ status: 'APPROVED', workflowVersion: 1 });

      // A new case takes version 2, whose 批准 belongs to the chief.
      const three = await openCase({ itemCode: oneItem });
      const v = await view(three);
      expect(v.workflowVersion).toBe(2);
      expect(v.steps.map((s) => [s.code, s.role, s.limitDays])).toEqual([
        ['1', 'approver', 3],
        ['2', 'approver', 2],
        ['3', 'chief', 1],
      ]);
      expect((await decide(three, 1, approvers[0])).status).toBe(200);
      expect((await decide(three, 2, approvers[1])).status).toBe(200);
      const byApprover = await decide(three, 3, approvers[2]);
      expect([byApprover.status, byApprover.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await decide(three, 3, chief())).status).toBe(200);
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === three);
    });

    it('refuses invalid definitions with 400 and writes nothing; only an admin publishes', async () => {
      const itemCode = newItem();
      const before = await written();
      const step = (code: string, role = 'approver', limitDays: unknown = 1) => ({ code, role, limitDays });
      for (const body of [
        { itemCode, steps: [step('1'), step('2'), step('3'), step('3')] },
        { itemCode, steps: [step('2'), step('1')] },
        { itemCode, steps: [step('1'), step('1')] },
        { itemCode, steps: [step('1', 'approver', -1)] },
        { itemCode, steps: [step('1', 'approver', 1.5)] },
        { itemCode, steps: [step('1', 'approver', '1')] },
        { itemCode, steps: [step('4')] },
        { itemCode, steps: [step('1', 'clerk')] },
        { itemCode, steps: [{ ...step('1'), extra: 1 }] },
        { itemCode, steps: 'none' },
        { steps: [] },
        { itemCode: 'bad code!', steps: [] },
        { itemCode, steps: [], extra: true },
      ]) {
        const r = await post('/workflows', body, admin);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await post('/workflows', { itemCode, steps: [] }, approvers[0])).status).toBe(403);
      expect((await call('GET', `/workflows/${itemCode}`, chief())).status).toBe(403);
      expect(await written()).toEqual(before);
      expect((await call('GET', `/workflows/${itemCode}`, admin)).body.versions).toEqual([]);
    });
  });

  describe('首席代表 mode', () => {
    const hour = 3600_000;
    const grant = (body: Record<string, unknown>) =>
      post(
        '/authorisations/chief',
        {
          deptCode: DEPT,
          validFrom: new Date(Date.now() - hour).toISOString(),
          validTo: new Date(Date.now() + 24 * hour).toISOString(),
          ...body,
        },
        admin,
      );
    const chiefDecide = (caseNo: string, decision = 'approve', token = chief()) =>
      post(`/approvals/${caseNo}/chief-decision`, { decision, opinion: '首席代表：同意' }, token);

    it('decides all remaining steps under a valid authorisation and records its id', async () => {
      const itemCode = newItem();
      const g = await grant({ itemCodes: [itemCode] });
      expect(g.status).toBe(201);
      expect(g.body).toMatchObject({ state: 'VALID', grantedBy: 'pr-admin', itemCodes: [itemCode] });
      const caseNo = await openCase({ itemCode });
      expect((await decide(caseNo, 1, approvers[0])).status).toBe(200);
      const r = await chiefDecide(caseNo);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'APPROVED' });
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
      await waitFor(
        () =>
          t.collector.find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo).length === 3 || undefined,
      );
      expect(
        t.collector
          .find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)
          .map((m) => m.value as { stepNo: number; result: string; handledBy: string })
          .map((e) => [e.stepNo, e.result, e.handledBy]),
      ).toEqual([
        [1, '1', '审批员1'],
        [2, '1', '首席代表'],
        [3, '1', '首席代表'],
      ]);
      expect((await view(caseNo)).audit.map((a) => [a.action, a.stepNo, a.authorisationId])).toEqual([
        ['OPENED', null, null],
        ['STEP_APPROVED', 1, null],
        ['STEP_APPROVED', 2, g.body.id],
        ['STEP_APPROVED', 3, g.body.id],
        ['APPROVED', null, g.body.id],
      ]);
    });

    it('lets only the 首席代表 an authorisation names use it; others get 403 CHIEF_NOT_AUTHORISED', async () => {
      const itemCode = newItem();
      const g = await grant({ itemCodes: [itemCode], holderSub: 'pr-chief-named' });
      expect(g.status).toBe(201);
      expect(g.body).toMatchObject({ holderSub: 'pr-chief-named', state: 'VALID' });
      const caseNo = await openCase({ itemCode });
      const other = await chiefDecide(caseNo);
      expect([other.status, other.body.code]).toEqual([403, 'CHIEF_NOT_AUTHORISED']);
      const named = testToken({ sub: 'pr-chief-named', roles: ['chief'], name: '首席代表', dept: DEPT });
      const r = await chiefDecide(caseNo, 'approve', named);
      expect([r.status, r.body.status]).toEqual([200, 'APPROVED']);
      expect((await grant({ itemCodes: [itemCode], holderSub: '' })).status).toBe(400);
    });

    it('authorises by 事项类型 too, and denies with 不予许可', async () => {
      const g = await grant({ taskTypes: ['09'] });
      const caseNo = await openCase({ itemCode: newItem(), taskType: '09' });
      expect((await chiefDecide(caseNo, 'deny')).body).toMatchObject({ status: 'DENIED' });
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_DENIED, (m) => m.key === caseNo);
      expect((await post(`/authorisations/chief/${g.body.id as string}/revoke`, {}, admin)).status).toBe(200);
    });

    it('refuses an expired, revoked or out-of-scope authorisation with 403 CHIEF_NOT_AUTHORISED, writing nothing', async () => {
      const expiredItem = newItem();
      await grant({
        itemCodes: [expiredItem],
        validFrom: '2026-01-01T00:00:00Z',
        validTo: '2026-02-01T00:00:00Z',
      });
      const revokedItem = newItem();
      const revoked = await grant({ itemCodes: [revokedItem] });
      const rv = await post(`/authorisations/chief/${revoked.body.id as string}/revoke`, {}, admin);
      expect(rv.body).toMatchObject({ state: 'REVOKED', revokedBy: 'pr-admin' });
      await grant({ itemCodes: [newItem()], taskTypes: ['08'] });
      const otherDept = newItem();
      await grant({ deptCode: OTHER_DEPT, itemCodes: [otherDept] });
      const future = newItem();
      await grant({
        itemCodes: [future],
        validFrom: new Date(Date.now() + 24 * hour).toISOString(),
        validTo: new Date(Date.now() + 48 * hour).toISOString(),
      });
      for (const itemCode of [expiredItem, revokedItem, newItem(), otherDept, future]) {
        const caseNo = await openCase({ itemCode });
        const before = await written(caseNo);
        const r = await chiefDecide(caseNo);
        expect([r.status, r.body.code]).toEqual([403, 'CHIEF_NOT_AUTHORISED']);
        expect(await written(caseNo)).toEqual(before);
        expect(await view(caseNo)).toMatchObject({ status: 'OPEN', currentStep: 1 });
      }
      const list = await call('GET', '/authorisations/chief', admin);
      const states = (list.body.items as Array<{ itemCodes: string[]; state: string }>)
        .filter((a) => [expiredItem, revokedItem, future].includes(a.itemCodes[0]))
        .map((a) => a.state)
        .sort();
      expect(states).toEqual(['EXPIRED', 'PENDING', 'REVOKED']);
    });

    it('answers other departments with 404, approvers with 403, and refuses bad input with 400', async () => {
      const itemCode = newItem();
      await grant({ itemCodes: [itemCode] });
      const caseNo = await openCase({ itemCode });
      const before = await written(caseNo);
      expect((await chiefDecide(caseNo, 'approve', chief(OTHER_DEPT))).body.code).toBe('APPROVAL_NOT_FOUND');
      expect((await chiefDecide(caseNo, 'approve', approvers[0])).status).toBe(403);
      for (const body of [
        {},
        { decision: 'maybe', opinion: '同意' },
        { decision: 'approve' },
        { decision: 'approve', opinion: ' 同 ' },
        { decision: 'approve', opinion: '同意', stepNo: 1 },
      ]) {
        const r = await post(`/approvals/${caseNo}/chief-decision`, body, chief());
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await written(caseNo)).toEqual(before);

      const grantsBefore = await written();
      const from = '2026-11-01T00:00:00Z';
      for (const body of [
        { deptCode: DEPT, validFrom: from, validTo: '2026-12-01T00:00:00Z' },
        { deptCode: DEPT, itemCodes: [], taskTypes: [], validFrom: from, validTo: '2026-12-01T00:00:00Z' },
        { deptCode: DEPT, itemCodes: [itemCode], validFrom: from, validTo: from },
        { deptCode: DEPT, itemCodes: [itemCode], validFrom: from, validTo: '2026-10-01T00:00:00Z' },
        { deptCode: 'dept', itemCodes: [itemCode], validFrom: from, validTo: '2026-12-01T00:00:00Z' },
        { deptCode: DEPT, taskTypes: ['1'], validFrom: from, validTo: '2026-12-01T00:00:00Z' },
        { deptCode: DEPT, itemCodes: [itemCode], validFrom: 'yesterday', validTo: '2026-12-01T00:00:00Z' },
        { deptCode: DEPT, itemCodes: [itemCode], validFrom: from, validTo: '2026-12-01T00:00:00Z', x: 1 },
      ]) {
        const r = await post('/authorisations/chief', body, admin);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await post('/authorisations/chief/not-a-uuid/revoke', {}, admin)).status).toBe(400);
      const unknown = await post(
        '/authorisations/chief/00000000-0000-4000-8000-000000000000/revoke',
        {},
        admin,
      );
      expect([unknown.status, unknown.body.code]).toEqual([404, 'AUTHORISATION_NOT_FOUND']);
      expect(await written()).toEqual(grantsBefore);
    });
  });

  describe('退回', () => {
    it('returns to the previous step (noderesult 7), restarts its clock, and lets the same approver decide it again', async () => {
      at('2026-09-28T02:00:00Z');
      const caseNo = await openCase();
      expect((await decide(caseNo, 1, approvers[0])).status).toBe(200);
      at('2026-09-30T02:00:00Z');
      const r = await post(
        `/approvals/${caseNo}/return`,
        { stepNo: 2, reason: '承办意见不充分，请补充' },
        approvers[1],
      );
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'OPEN', currentStep: 1 });
      const ret = await t.collector.waitForMessage(TOPICS.APPROVAL_STEP_RETURNED, (m) => m.key === caseNo);
      expect(ret.value).toMatchObject({
        caseNo,
        fromStepNo: 2,
        fromStepCode: '2',
        toStepNo: 1,
        toStepCode: '1',
        toStepName: '承办',
        result: '7',
        reason: '承办意见不充分，请补充',
        returnedBy: '审批员2',
        stepDueDate: '2026-10-09',
      });
      const v = await view(caseNo);
      expect(v.steps.map((s) => [s.state, s.startedOn, s.dueDate])).toEqual([
        ['CURRENT', '2026-09-30', '2026-10-09'],
        ['PENDING', null, null],
        ['PENDING', null, null],
      ]);
      expect(v.audit.map((a) => [a.action, a.stepNo, a.opinion])).toContainEqual([
        'RETURNED',
        2,
        '承办意见不充分，请补充',
      ]);
      expect((await decide(caseNo, 1, approvers[0])).status).toBe(200);
      expect((await decide(caseNo, 2, approvers[1])).status).toBe(200);
      expect((await decide(caseNo, 3, approvers[2])).status).toBe(200);
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    });

    it('refuses step 1, a stale step, bad input and other departments, writing nothing', async () => {
      const caseNo = await openCase();
      const before = await written(caseNo);
      const first = await post(
        `/approvals/${caseNo}/return`,
        { stepNo: 1, reason: '退回理由' },
        approvers[0],
      );
      expect([first.status, first.body.code]).toEqual([409, 'RETURN_NOT_ALLOWED']);
      const stale = await post(
        `/approvals/${caseNo}/return`,
        { stepNo: 2, reason: '退回理由' },
        approvers[0],
      );
      expect([stale.status, stale.body.code]).toEqual([409, 'STEP_MISMATCH']);
      for (const body of [
        { stepNo: 2 },
        { reason: '退回理由' },
        { stepNo: 0, reason: '退回理由' },
        { stepNo: 4, reason: '退回理由' },
        { stepNo: 2, reason: ' ' },
        { stepNo: 2, reason: '退回理由', extra: 1 },
      ]) {
        const r = await post(`/approvals/${caseNo}/return`, body, approvers[0]);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const foreign = await post(
        `/approvals/${caseNo}/return`,
        { stepNo: 1, reason: '退回理由' },
        staff(9, OTHER_DEPT),
      );
      expect(foreign.status).toBe(404);
      expect(await written(caseNo)).toEqual(before);
    });
  });

  describe('特别程序', () => {
    const start = (caseNo: string, body: Record<string, unknown>, token = approvers[0]) =>
      post(
        `/approvals/${caseNo}/special-procedures`,
        { type: '2', reason: '申请人要求听证', ...body },
        token,
      );
    const end = (caseNo: string, id: string, result = '听证结束，维持原意见', token = approvers[0]) =>
      post(`/approvals/${caseNo}/special-procedures/${id}/end`, { result }, token);

    it('suspends across National Day and resumes with due dates moved by the paused working days', async () => {
      at('2026-09-28T02:00:00Z');
      const caseNo = await openCase({ promiseDate: '2026-10-20' });
      expect((await view(caseNo)).steps[0].dueDate).toBe('2026-09-30');

      at('2026-09-29T02:00:00Z');
      const s = await start(caseNo, { expectedEndDate: '2026-10-12' });
      expect(s.status).toBe(200);
      expect(s.body).toMatchObject({ status: 'SUSPENDED', currentStep: 1 });
      const procedureId = (s.body.specialProcedures as Array<{ id: string }>)[0].id;
      const suspended = await t.collector.waitForMessage(
        TOPICS.APPROVAL_CASE_SUSPENDED,
        (m) => m.key === caseNo,
      );
      expect(suspended.value).toMatchObject({
        procedureId,
        type: '2',
        typeName: '听证',
        result: '6',
        reason: '申请人要求听证',
        expectedEndDate: '2026-10-12',
        stepNo: 1,
        suspendedBy: '审批员1',
      });

      // Nothing is decided, returned or started while the clock stands still: not even by a 首席代表
      // holding an authorisation valid now for the case (named, so no other test can use it).
      const g = await post(
        '/authorisations/chief',
        {
          deptCode: DEPT,
          holderSub: 'pr-chief-suspended',
          itemCodes: [accepted(caseNo).itemCode],
          validFrom: '2026-09-01T00:00:00Z',
          validTo: '2026-12-01T00:00:00Z',
        },
        admin,
      );
      expect(g.status).toBe(201);
      const authorisedChief = testToken({ sub: 'pr-chief-suspended', roles: ['chief'], dept: DEPT });
      const before = await written(caseNo);
      const blocked = [
        await decide(caseNo, 1, approvers[0]),
        await post(`/approvals/${caseNo}/return`, { stepNo: 1, reason: '退回理由' }, approvers[0]),
        await start(caseNo, { type: '3', expectedEndDate: '2026-10-09' }),
        await post(
          `/approvals/${caseNo}/chief-decision`,
          { decision: 'approve', opinion: '同意' },
          authorisedChief,
        ),
      ];
      expect(blocked.map((r) => [r.status, r.body.code])).toEqual([
        [409, 'CASE_SUSPENDED'],
        [409, 'CASE_SUSPENDED'],
        [409, 'CASE_SUSPENDED'],
        [409, 'CASE_SUSPENDED'],
      ]);
      expect(await written(caseNo)).toEqual(before);

      at('2026-10-09T02:00:00Z');
      const e = await end(caseNo, procedureId);
      expect(e.status).toBe(200);
      // Paused (09-29, 10-09]: 09-30, 10-08, 10-09 = 3 working days (10-01…07 National Day).
      // Step 1 due 09-30 + 3 → 10-08, 10-09, 10-10 (调休 Saturday); case due 10-20 + 3 → 10-23.
      expect(cal.workingDaysBetween('2026-09-29', '2026-10-09')).toBe(3);
      expect(e.body).toMatchObject({ status: 'OPEN', currentStep: 1, dueDate: '2026-10-23' });
      expect((e.body.steps as StepView[])[0].dueDate).toBe('2026-10-10');
      const resumed = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_RESUMED, (m) => m.key === caseNo);
      expect(resumed.value).toMatchObject({
        procedureId,
        type: '2',
        reason: '申请人要求听证',
        expectedEndDate: '2026-10-12',
        procedureResult: '听证结束，维持原意见',
        pausedWorkingDays: 3,
        stepNo: 1,
        stepDueDate: '2026-10-10',
        dueDate: '2026-10-23',
        resumedBy: '审批员1',
      });
      const v = await view(caseNo);
      expect(v.specialProcedures).toEqual([
        expect.objectContaining({ id: procedureId, state: 'ENDED', pausedWorkingDays: 3 }),
      ]);
      expect(v.audit.map((a) => [a.action, a.procedureId])).toEqual([
        ['OPENED', null],
        ['SUSPENDED', procedureId],
        ['RESUMED', procedureId],
      ]);
      const again = await end(caseNo, procedureId);
      expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);
      const decided = await decide(caseNo, 1, approvers[0]);
      expect(decided.status).toBe(200);
      // The answer, built from the decision's transaction, lists the ended 特别程序 as a fresh read does.
      expect(decided.body.specialProcedures).toHaveLength(1);
      expect(decided.body).toEqual(await view(caseNo));
    });

    it('resumes across the fixture’s New Year holiday (2027-01-01)', async () => {
      at('2026-12-30T02:00:00Z');
      const caseNo = await openCase({ promiseDate: '2027-01-08' });
      expect((await view(caseNo)).steps[0].dueDate).toBe('2027-01-04');
      at('2026-12-31T02:00:00Z');
      const s = await start(caseNo, { type: '4', reason: '现场核实', expectedEndDate: '2027-01-05' });
      expect(s.status).toBe(200);
      const procedureId = (s.body.specialProcedures as Array<{ id: string }>)[0].id;
      at('2027-01-05T02:00:00Z');
      const e = await end(caseNo, procedureId, '核实完毕');
      // Paused (12-31, 01-05]: 01-04, 01-05 = 2; step 01-04 + 2 → 01-06; case 01-08 + 2 → 01-12.
      expect(e.body).toMatchObject({ status: 'OPEN', dueDate: '2027-01-12' });
      expect((e.body.steps as StepView[])[0].dueDate).toBe('2027-01-06');
      expect(cal.addWorkingDays('2027-01-08', 2)).toBe('2027-01-12');
      const resumed = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_RESUMED, (m) => m.key === caseNo);
      expect(resumed.value).toMatchObject({ type: '4', typeName: '核实', pausedWorkingDays: 2 });
    });

    it('refuses bad input (400), a too long procedure (422), unknown procedures (404) and other departments, writing nothing', async () => {
      at('2026-09-29T02:00:00Z');
      const caseNo = await openCase();
      const before = await written(caseNo);
      for (const body of [
        { type: '1', expectedEndDate: '2026-10-09' },
        { type: '5', expectedEndDate: '2026-10-09' },
        { type: 2, expectedEndDate: '2026-10-09' },
        { reason: ' ', expectedEndDate: '2026-10-09' },
        { expectedEndDate: '2026-02-30' },
        { expectedEndDate: '09/10/2026' },
        {},
        { expectedEndDate: '2026-10-09', extra: 1 },
        { expectedEndDate: '2026-09-28' },
      ]) {
        const r = await start(caseNo, body);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      // 公示 at most 10 working days (default config): from 2026-09-29 the latest end is 2026-10-19.
      const tooLong = await start(caseNo, { type: '3', expectedEndDate: '2026-10-20' });
      expect([tooLong.status, tooLong.body.code]).toEqual([422, 'SPECIAL_PROCEDURE_TOO_LONG']);
      expect(tooLong.body.details).toMatchObject({ maxWorkingDays: 10, latestEndDate: '2026-10-19' });
      const foreign = await start(caseNo, { expectedEndDate: '2026-10-09' }, staff(9, OTHER_DEPT));
      expect(foreign.status).toBe(404);
      const unknown = await end(caseNo, '00000000-0000-4000-8000-000000000000');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'SPECIAL_PROCEDURE_NOT_FOUND']);
      expect((await end(caseNo, 'not-a-uuid')).status).toBe(400);
      const s = await start(caseNo, { type: '3', expectedEndDate: '2026-10-19' });
      expect(s.status).toBe(200);
      const id = (s.body.specialProcedures as Array<{ id: string }>)[0].id;
      const afterStart = await written(caseNo);
      expect(afterStart.procedures).toBe(before.procedures + 1);
      for (const body of [{}, { result: ' ' }, { result: '公示结束', extra: 1 }]) {
        const r = await post(`/approvals/${caseNo}/special-procedures/${id}/end`, body, approvers[0]);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await end(caseNo, id, '公示结束', chief())).status).toBe(403);
      expect(await written(caseNo)).toEqual(afterStart);
      expect((await end(caseNo, id, '公示结束')).status).toBe(200);
    });
  });
});
