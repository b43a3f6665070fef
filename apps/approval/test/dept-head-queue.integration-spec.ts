import { TOPICS } from '@app/shared/contracts';
import {
  checkRoutes,
  routeTable,
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  testWorkCalendar,
  uniqueCaseNo,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/approvals/clock';
import { ApprovalConfig } from '../src/config/approval.config';

/** This spec's own departments: their lists hold only the cases seeded here. */
const HEAD_DEPT = '11330100000099119T';
const OTHER_DEPT = '11330100000099127M';

interface ItemView {
  caseNo: string;
  status: string;
  current: { stepNo: number; dueDate: string | null; remainingWorkingDays: number | null } | null;
}

/**
 * The approvers' read side for a department head (dept_head: the department's whole queue, read only)
 * and the remainingMax filter (working days left on the current step), against the real PostgreSQL and
 * Kafka with the test calendar. Steps are assigned by role: nobody is a per-person assignee.
 */
describe('approval queue: department head and remaining working days (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const cal = testWorkCalendar();
  const token = (role: string, dept = HEAD_DEPT, n = 1) =>
    testToken({ sub: `dh-${role}-${n}`, roles: [role as 'approver'], name: `${role}${n}`, dept });
  const head = token('dept_head');
  const approver = token('approver');
  const seeded: Record<'late' | 'today' | 'twoLeft' | 'fourLeft' | 'approved', string> = {
    late: '',
    today: '',
    twoLeft: '',
    fourLeft: '',
    approved: '',
  };
  let foreign = '';

  const accepted = (caseNo: string, dept: string, projectType = '2') => ({
    caseNo,
    itemCode: `${dept}000111203000001`,
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
    projectType,
    acceptDocNo: `SL${caseNo}`,
    acceptedAt: new Date().toISOString(),
    promiseDate: '2026-12-31',
    promiseLimit: 5,
    promiseUnit: '1',
    licence: null,
    acceptedBy: 'clerk',
  });
  const openCase = async (dept = HEAD_DEPT, projectType = '2') => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo, dept, projectType));
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
    return caseNo;
  };
  const call = async (method: string, path: string, bearer?: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const list = async (query: string, bearer = head) => {
    const r = await call('GET', `/approvals?pageSize=100&sort=due&${query}`, bearer);
    expect([query, r.status]).toEqual([query, 200]);
    return r.body.items as ItemView[];
  };
  const names = (items: ItemView[]) =>
    items.map((i) => Object.entries(seeded).find(([, c]) => c === i.caseNo)?.[0] ?? i.caseNo);
  const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [TOPICS.APPROVAL_CASE_OPENED, TOPICS.APPROVAL_CASE_APPROVED],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
    // 承办 has 2 working days. Opened Thu 11-19 → due Mon 11-23; Fri 11-20 → Tue 11-24;
    // Tue 11-24 → Thu 11-26; Thu 11-26 → Mon 11-30. A 即办件 is approved at once (no current step).
    const spy = jest.spyOn(clock, 'now');
    for (const [name, iso] of [
      ['late', '2026-11-19T02:00:00Z'],
      ['today', '2026-11-20T02:00:00Z'],
      ['twoLeft', '2026-11-24T02:00:00Z'],
      ['fourLeft', '2026-11-26T02:00:00Z'],
    ] as const) {
      spy.mockReturnValue(new Date(iso));
      seeded[name] = await openCase();
    }
    seeded.approved = await openCase(HEAD_DEPT, '1');
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === seeded.approved);
    spy.mockReturnValue(new Date('2026-11-24T02:00:00Z'));
    foreign = await openCase(OTHER_DEPT);
    spy.mockRestore();
    expect(
      ['2026-11-19', '2026-11-20', '2026-11-24', '2026-11-26'].map((d) => cal.addWorkingDays(d, 2)),
    ).toEqual(['2026-11-23', '2026-11-24', '2026-11-26', '2026-11-30']);
  });

  beforeEach(() => {
    // Today: Tuesday 2026-11-24 (Asia/Shanghai).
    at('2026-11-24T02:00:00Z');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  it('shows a department head the department’s whole queue and each case, like the chief; nothing else', async () => {
    const items = await list('');
    expect(names(items)).toEqual(['late', 'today', 'twoLeft', 'fourLeft', 'approved']);
    expect(items.map((i) => i.current?.remainingWorkingDays ?? null)).toEqual([-1, 0, 2, 4, null]);
    expect(names(await list('', token('chief')))).toEqual(names(items));
    const one = await call('GET', `/approvals/${seeded.late}`, head);
    expect([one.status, one.body.caseNo]).toEqual([200, seeded.late]);
    // Another department's head sees none of them, and this head not the other department's case.
    expect(await list('', token('dept_head', OTHER_DEPT))).toEqual([
      expect.objectContaining({ caseNo: foreign }),
    ]);
    const hidden = await call('GET', `/approvals/${foreign}`, head);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'APPROVAL_NOT_FOUND']);
    // Assignment is by role: a head decides no step, so assignee=me is empty.
    expect(await list('assignee=me')).toEqual([]);
  });

  it('keeps the head read only: deciding, returning and 特别程序 answer 403 and write nothing', async () => {
    const before = await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [
      seeded.late,
    ]);
    const attempts = [
      ['decision', { stepNo: 1, decision: 'approve', opinion: '同意' }],
      ['chief-decision', { decision: 'approve', opinion: '同意' }],
      ['return', { stepNo: 1, reason: '退回重审' }],
      ['special-procedures', { type: '2', reason: '听证', expectedEndDate: '2026-11-30' }],
    ] as const;
    for (const [path, body] of attempts) {
      const r = await call('POST', `/approvals/${seeded.late}/${path}`, head, body);
      expect([path, r.status, r.body.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    expect(await t.count('SELECT count(*) AS n FROM approval_audit WHERE case_no = $1', [seeded.late])).toBe(
      before,
    );
  });

  it('filters by working days left on the current step: remainingMax=n keeps ≤ n, overdue included', async () => {
    expect(names(await list('remainingMax=0'))).toEqual(['late', 'today']);
    expect(names(await list('remainingMax=1'))).toEqual(['late', 'today']);
    expect(names(await list('remainingMax=2'))).toEqual(['late', 'today', 'twoLeft']);
    expect(names(await list('remainingMax=3'))).toEqual(['late', 'today', 'twoLeft']);
    expect(names(await list('remainingMax=365'))).toEqual(['late', 'today', 'twoLeft', 'fourLeft']);
    // With the other filters, and for an approver of the department too.
    expect(names(await list('remainingMax=2&overdue=true'))).toEqual(['late']);
    expect(names(await list('remainingMax=4&assignee=me', approver))).toEqual([
      'late',
      'today',
      'twoLeft',
      'fourLeft',
    ]);
    // Friday 11-27: due Monday 11-30 leaves 1 working day; the weekend does not count.
    at('2026-11-27T02:00:00Z');
    const friday = await list('remainingMax=1');
    expect(names(friday)).toEqual(['late', 'today', 'twoLeft', 'fourLeft']);
    expect(friday.map((i) => i.current?.remainingWorkingDays)).toEqual([-4, -3, -1, 1]);
    expect(names(await list('remainingMax=0'))).toEqual(['late', 'today', 'twoLeft']);
  });

  it('refuses a bad remainingMax with 400 VALIDATION_FAILED; roles still not allowed get 403', async () => {
    for (const v of ['', '-1', '366', '1.5', '1e1', 'abc', '2&remainingMax=3']) {
      const r = await call('GET', `/approvals?remainingMax=${v}`, head);
      expect([v, r.status, r.body.code]).toEqual([v, 400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(r.body.details)).toContain('remainingMax');
    }
    expect((await call('GET', '/approvals?remainingMax=1')).status).toBe(401);
    for (const role of ['clerk', 'applicant', 'partner', 'supervisor']) {
      for (const path of ['/approvals?remainingMax=1', `/approvals/${seeded.late}`]) {
        const r = await call('GET', path, token(role));
        expect([role, path, r.status, r.body.code]).toEqual([role, path, 403, 'FORBIDDEN']);
      }
    }
    const reads = routeTable(t.svc.app).filter((r) => r.method === 'GET' && r.path.startsWith('/approvals'));
    expect(reads.map((r) => [r.path, [...r.roles].sort()])).toEqual([
      ['/approvals', ['admin', 'approver', 'chief', 'dept_head']],
      ['/approvals/:caseNo', ['admin', 'approver', 'chief', 'dept_head']],
    ]);
    expect(await checkRoutes(t.svc.url, reads)).toEqual([]);
  });
});
