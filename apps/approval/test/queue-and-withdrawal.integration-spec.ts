import { randomBytes, randomUUID } from 'node:crypto';
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
/** The queue tests' own department: its list holds only the cases they seed. */
const QUEUE_DEPT = '11330100000099004L';

interface CurrentView {
  stepNo: number;
  code: string;
  role: string;
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdue: boolean;
}
interface ItemView {
  caseNo: string;
  status: string;
  currentStep: number | null;
  current: CurrentView | null;
}
interface CaseView {
  status: string;
  currentStep: number | null;
  steps: Array<{ state: string }>;
  audit: Array<{ action: string; stepNo: number | null; actor: string; opinion: string | null; at: string }>;
  specialProcedures: Array<{ id: string; state: string; result: string | null }>;
}

/**
 * A withdrawal stops approval (intake.application.withdrawn.v1), and the approvers' queue (filters, due
 * dates, working days left), against the real PostgreSQL and Kafka with the test calendar.
 */
describe('approval queue and withdrawal (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const cal = testWorkCalendar();
  const approver = (n: number, dept = DEPT) =>
    testToken({ sub: `qw-approver-${n}`, roles: ['approver'], name: `审批员${n}`, dept });
  const chief = (dept = DEPT) => testToken({ sub: 'qw-chief', roles: ['chief'], name: '首席代表', dept });
  const admin = testToken({ sub: 'qw-admin', roles: ['admin'], name: '管理员' });

  const accepted = (
    caseNo: string,
    over: { itemCode?: string; projectType?: string; dept?: string } = {},
  ) => {
    const dept = over.dept ?? DEPT;
    return {
      caseNo,
      itemCode: over.itemCode ?? `${dept}000111203000001`,
      itemName: '食品经营许可',
      deptCode: dept,
      deptName: '杭州市市场监督管理局',
      applicant: {
        userProp: '2',
        name: '杭州测试餐饮有限公司',
        certType: '001',
        certMasked: '91330106MA2H00000X',
        certHash: 'b'.repeat(64),
      },
      taskType: '01',
      projectType: over.projectType ?? '2',
      acceptDocNo: `SL${caseNo}`,
      acceptedAt: new Date().toISOString(),
      promiseDate: '2026-12-31',
      promiseLimit: 5,
      promiseUnit: '1',
      licence: null,
      acceptedBy: 'clerk',
    };
  };
  const openCase = async (over: Parameters<typeof accepted>[1] = {}) => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo, over));
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
    return caseNo;
  };
  const withdrawal = (caseNo: string, over: Record<string, unknown> = {}) => ({
    caseNo,
    itemCode: `${DEPT}000111203000001`,
    itemName: '食品经营许可',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    withdrawnAt: '2026-11-25T03:00:00.000Z',
    previousStatus: 'IN_APPROVAL',
    reason: '申请人不再经营，撤回申请',
    ...over,
  });
  const processed = async (eventId: string) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [eventId])) === 1 ||
        undefined,
      { description: `event ${eventId} processed` },
    );
  const withdraw = async (caseNo: string, opts: { id?: string } = {}, over: Record<string, unknown> = {}) => {
    const id = await t.producer.send(TOPICS.APPLICATION_WITHDRAWN, caseNo, withdrawal(caseNo, over), opts);
    await processed(id);
    return id;
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
  const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
  const outboxOf = (caseNo: string, topics: string[]) =>
    t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = ANY($2)', [caseNo, topics]);
  const decisionTopics = [TOPICS.APPROVAL_CASE_APPROVED, TOPICS.APPROVAL_CASE_DENIED];

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [
        TOPICS.APPROVAL_CASE_OPENED,
        TOPICS.APPROVAL_STEP_COMPLETED,
        TOPICS.APPROVAL_CASE_APPROVED,
        TOPICS.APPROVAL_CASE_DENIED,
      ],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  describe('withdrawal stops approval', () => {
    it('withdraws an open case: WITHDRAWN, audited by the system, no decision event, later commands 409', async () => {
      const caseNo = await openCase();
      expect((await decide(caseNo, 1, approver(1))).status).toBe(200);
      await withdraw(caseNo);
      const v = await view(caseNo);
      expect(v).toMatchObject({
        status: 'WITHDRAWN',
        currentStep: null,
        steps: [{ state: 'DONE' }, { state: 'CANCELLED' }, { state: 'CANCELLED' }],
      });
      expect(v.audit.map((r) => r.action)).toEqual(['OPENED', 'STEP_APPROVED', 'WITHDRAWN']);
      expect(v.audit[2]).toMatchObject({
        stepNo: 2,
        actor: '系统',
        opinion: '申请人不再经营，撤回申请',
        at: '2026-11-25T03:00:00.000Z',
      });
      const late = await decide(caseNo, 2, approver(2));
      expect([late.status, late.body.code]).toEqual([409, 'INVALID_STATE']);
      const ret = await call('POST', `/approvals/${caseNo}/return`, approver(2), {
        stepNo: 2,
        reason: '退回重审',
      });
      expect([ret.status, ret.body.code]).toEqual([409, 'INVALID_STATE']);
      expect(await outboxOf(caseNo, decisionTopics)).toBe(0);
      expect(t.collector.find(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo)).toHaveLength(0);
      expect(t.collector.find(TOPICS.APPROVAL_CASE_DENIED, (m) => m.key === caseNo)).toHaveLength(0);
      // Not in the queue any more.
      const queue = await call('GET', `/approvals?assignee=me&pageSize=100`, approver(2));
      expect((queue.body.items as ItemView[]).map((i) => i.caseNo)).not.toContain(caseNo);
    });

    it('ends a running 特别程序 when a SUSPENDED case is withdrawn', async () => {
      at('2026-11-24T02:00:00Z');
      const caseNo = await openCase();
      const started = await call('POST', `/approvals/${caseNo}/special-procedures`, approver(1), {
        type: '2',
        reason: '申请人要求听证',
        expectedEndDate: '2026-11-30',
      });
      expect(started.body).toMatchObject({ status: 'SUSPENDED' });
      await withdraw(caseNo);
      const v = await view(caseNo);
      expect(v.status).toBe('WITHDRAWN');
      expect(v.specialProcedures).toEqual([expect.objectContaining({ state: 'ENDED' })]);
      expect(v.audit.at(-1)).toMatchObject({ action: 'WITHDRAWN', stepNo: 1, actor: '系统' });
      expect(
        await t.count(
          'SELECT count(*) AS n FROM special_procedures WHERE case_no = $1 AND ended_at IS NULL',
          [caseNo],
        ),
      ).toBe(0);
      const end = await call(
        'POST',
        `/approvals/${caseNo}/special-procedures/${v.specialProcedures[0].id}/end`,
        approver(1),
        { result: '听证结束' },
      );
      expect([end.status, end.body.code]).toEqual([409, 'INVALID_STATE']);
    });

    it('processes a redelivered withdrawal once, and a second withdrawal changes nothing', async () => {
      const caseNo = await openCase();
      const id = randomUUID();
      await t.producer.send(TOPICS.APPLICATION_WITHDRAWN, caseNo, withdrawal(caseNo), { id });
      await t.producer.send(TOPICS.APPLICATION_WITHDRAWN, caseNo, withdrawal(caseNo), { id });
      // A later event of the same case on the same partition: once it is processed, so are both above.
      await withdraw(caseNo, {}, { reason: '再次撤回' });
      await processed(id);
      const audit = (await view(caseNo)).audit;
      expect(audit.filter((r) => r.action === 'WITHDRAWN')).toHaveLength(1);
      expect(audit.at(-1)?.opinion).toBe('申请人不再经营，撤回申请');
      expect(await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [caseNo])).toBe(2);
    });

    it('opens nothing for a case withdrawn before approval saw it, and leaves a decided case as it is', async () => {
      const unknown = uniqueCaseNo();
      await withdraw(unknown, {}, { previousStatus: 'SUBMITTED' });
      expect(await t.count('SELECT count(*) AS n FROM approval_cases WHERE case_no = $1', [unknown])).toBe(0);
      expect(await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [unknown])).toBe(0);
      expect((await call('GET', `/approvals/${unknown}`, approver(1))).status).toBe(404);

      // A withdrawal that overtakes its acceptance (two topics, no order between them): the acceptance
      // arriving afterwards opens nothing.
      const overtaken = uniqueCaseNo();
      await withdraw(overtaken, {}, { previousStatus: 'ACCEPTED' });
      const late = await t.producer.send(TOPICS.APPLICATION_ACCEPTED, overtaken, accepted(overtaken));
      await processed(late);
      expect(await t.count('SELECT count(*) AS n FROM approval_cases WHERE case_no = $1', [overtaken])).toBe(
        0,
      );
      expect(t.collector.find(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === overtaken)).toHaveLength(0);

      // 即办件: approved at once by the system; a withdrawal afterwards does not undo the decision.
      const done = await openCase({ projectType: '1' });
      await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === done);
      await withdraw(done);
      const v = await view(done);
      expect(v.status).toBe('APPROVED');
      expect(v.audit.map((r) => r.action)).not.toContain('WITHDRAWN');
    });
  });

  describe('the approvers’ queue', () => {
    const qApprover = approver(7, QUEUE_DEPT);
    const qApprover2 = approver(8, QUEUE_DEPT);
    const qChief = chief(QUEUE_DEPT);
    const seeded: Record<'overdue' | 'review' | 'chief' | 'withdrawn', string> = {
      overdue: '',
      review: '',
      chief: '',
      withdrawn: '',
    };
    const list = async (query: string, token = qApprover) => {
      const r = await call('GET', `/approvals?pageSize=100&${query}`, token);
      expect(r.status).toBe(200);
      return r.body.items as ItemView[];
    };
    const names = (items: ItemView[]) =>
      items.map((i) => Object.entries(seeded).find(([, c]) => c === i.caseNo)?.[0] ?? i.caseNo);

    beforeAll(async () => {
      // A chief-only workflow for one item of the queue's department.
      const chiefItem = `${QUEUE_DEPT}T${randomBytes(5).toString('hex').toUpperCase()}`;
      const wf = await call('POST', '/workflows', admin, {
        itemCode: chiefItem,
        steps: [{ code: '3', role: 'chief', limitDays: 3 }],
      });
      expect(wf.status).toBe(201);
      const spy = jest.spyOn(clock, 'now');
      // Thursday 2026-11-19: 承办 due 2 working days later, Monday 11-23.
      spy.mockReturnValue(new Date('2026-11-19T02:00:00Z'));
      seeded.overdue = await openCase({ dept: QUEUE_DEPT });
      // Friday 11-20, 承办 decided Monday 11-23: 审核 due Wednesday 11-25.
      spy.mockReturnValue(new Date('2026-11-20T02:00:00Z'));
      seeded.review = await openCase({ dept: QUEUE_DEPT });
      spy.mockReturnValue(new Date('2026-11-23T02:00:00Z'));
      const d = await decide(seeded.review, 1, qApprover2);
      expect(d.status).toBe(200);
      // Tuesday 11-24: 批准 by the chief due Friday 11-27.
      spy.mockReturnValue(new Date('2026-11-24T02:00:00Z'));
      seeded.chief = await openCase({ dept: QUEUE_DEPT, itemCode: chiefItem });
      spy.mockReturnValue(new Date('2026-11-24T03:00:00Z'));
      seeded.withdrawn = await openCase({ dept: QUEUE_DEPT });
      await withdraw(seeded.withdrawn);
      spy.mockRestore();
      expect(cal.addWorkingDays('2026-11-19', 2)).toBe('2026-11-23');
      expect(cal.addWorkingDays('2026-11-23', 2)).toBe('2026-11-25');
      expect(cal.addWorkingDays('2026-11-24', 3)).toBe('2026-11-27');
    });

    beforeEach(() => {
      // Today: Tuesday 2026-11-24 (Asia/Shanghai).
      at('2026-11-24T02:00:00Z');
    });

    it('shows each case’s current step, its due date and the exact working days left', async () => {
      const items = await list('sort=due');
      expect(names(items)).toEqual(['overdue', 'review', 'chief', 'withdrawn']);
      expect(items.map((i) => i.current)).toEqual([
        {
          stepNo: 1,
          code: '1',
          name: '承办',
          role: 'approver',
          dueDate: '2026-11-23',
          remainingWorkingDays: -1,
          overdue: true,
        },
        {
          stepNo: 2,
          code: '2',
          name: '审核',
          role: 'approver',
          dueDate: '2026-11-25',
          remainingWorkingDays: 1,
          overdue: false,
        },
        {
          stepNo: 1,
          code: '3',
          name: '批准',
          role: 'chief',
          dueDate: '2026-11-27',
          remainingWorkingDays: 3,
          overdue: false,
        },
        null,
      ]);
      expect(items[3]).toMatchObject({ status: 'WITHDRAWN', currentStep: null });
      // A week later every open case is late.
      at('2026-12-01T02:00:00Z');
      expect((await list('sort=due')).map((i) => i.current?.remainingWorkingDays ?? null)).toEqual([
        -6,
        -4,
        -2,
        null,
      ]);
    });

    it('filters by current step, due date and overdue; the default order is newest first', async () => {
      expect(names(await list('stepCode=1'))).toEqual(['overdue']);
      expect(names(await list('stepCode=2'))).toEqual(['review']);
      expect(names(await list('stepCode=3'))).toEqual(['chief']);
      expect(names(await list('dueBefore=2026-11-25&sort=due'))).toEqual(['overdue', 'review']);
      expect(names(await list('dueBefore=2026-11-23'))).toEqual(['overdue']);
      expect(names(await list('dueBefore=2026-11-22'))).toEqual([]);
      expect(names(await list('overdue=true'))).toEqual(['overdue']);
      expect(names(await list('overdue=false&sort=due'))).toEqual([
        'overdue',
        'review',
        'chief',
        'withdrawn',
      ]);
      expect(names(await list('status=WITHDRAWN'))).toEqual(['withdrawn']);
      expect(names(await list(''))).toEqual(['withdrawn', 'chief', 'review', 'overdue']);
      at('2026-11-26T02:00:00Z');
      expect(names(await list('overdue=true&sort=due'))).toEqual(['overdue', 'review']);
    });

    it('assignee=me: the steps the caller decides by role; the chief sees the department’s whole queue', async () => {
      expect(names(await list('assignee=me&sort=due'))).toEqual(['overdue', 'review']);
      expect(names(await list('assignee=me', qChief))).toEqual(['chief']);
      expect(names(await list('sort=due', qChief))).toEqual(['overdue', 'review', 'chief', 'withdrawn']);
      expect(await list('assignee=me', admin)).toEqual([]);
      expect((await list('stepCode=1', admin)).map((i) => i.caseNo)).toContain(seeded.overdue);
      // Another department sees none of them.
      expect(await list('', approver(9, '11330100002491026R'))).toEqual([]);
      expect(await list('', chief('11330100002491026R'))).toEqual([]);
    });

    it('refuses bad query input with 400 VALIDATION_FAILED; other roles 401 / 403', async () => {
      for (const query of [
        'stepCode=4',
        'stepCode=',
        'assignee=you',
        'assignee=me&assignee=me',
        'dueBefore=2026-02-30',
        'dueBefore=20261124',
        'dueBefore=2026-11-24T00:00:00Z',
        'overdue=yes',
        'overdue=1',
        'sort=asc',
        'status=CLOSED',
        'page=0',
        'pageSize=101',
        'mine=true',
      ]) {
        const r = await call('GET', `/approvals?${query}`, qApprover);
        expect([query, r.status, r.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
      const routes = routeTable(t.svc.app).filter((r) => r.method === 'GET' && r.path === '/approvals');
      expect(routes).toHaveLength(1);
      expect(routes[0].roles).toEqual(expect.arrayContaining(['approver', 'chief', 'admin']));
      expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
      expect((await call('GET', '/approvals?assignee=me')).status).toBe(401);
      for (const role of ['clerk', 'applicant'] as const) {
        const token = testToken({ sub: `qw-${role}`, roles: [role], dept: QUEUE_DEPT });
        const r = await call('GET', '/approvals?assignee=me', token);
        expect([r.status, r.body.code]).toEqual([403, 'FORBIDDEN']);
      }
    });
  });
});
