import { randomBytes } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import {
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

interface CaseView {
  status: string;
  currentStep: number | null;
  dueDate: string;
  workflowVersion: number | null;
  steps: Array<{
    code: string;
    name: string;
    state: string;
    startedOn: string | null;
    dueDate: string | null;
  }>;
  audit: Array<{ action: string; stepNo: number | null; actor: string }>;
  specialProcedures: Array<{ id: string; state: string; pausedWorkingDays: number | null }>;
}

/**
 * Workflow shapes next to the 0/1/3-step ones (procedures.integration-spec.ts): a 2-step workflow through
 * to the decision, and a 特别程序 on a 自然日 item, against the real PostgreSQL and Kafka with the test
 * calendar; the service's Clock is moved around National Day 2026.
 */
describe('approval workflow shapes (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const cal = testWorkCalendar();
  const approvers = [1, 2].map((n) =>
    testToken({ sub: `ws-approver-${n}`, roles: ['approver'], name: `审批员${n}`, dept: DEPT }),
  );
  const admin = testToken({ sub: 'ws-admin', roles: ['admin'], name: '管理员' });
  const newItem = () => `${DEPT}T${randomBytes(5).toString('hex').toUpperCase()}`;

  const accepted = (
    caseNo: string,
    over: { itemCode?: string; promiseDate?: string; promiseLimit?: number; promiseUnit?: string } = {},
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
    taskType: '01',
    projectType: '2',
    acceptDocNo: `SL${caseNo}`,
    acceptedAt: new Date().toISOString(),
    promiseDate: over.promiseDate ?? '2026-12-01',
    promiseLimit: over.promiseLimit ?? 5,
    promiseUnit: over.promiseUnit ?? '1',
    licence: null,
    acceptedBy: 'clerk',
  });
  const openCase = async (over: Parameters<typeof accepted>[1] = {}) => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPLICATION_ACCEPTED, caseNo, accepted(caseNo, over));
    await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo);
    return caseNo;
  };
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  };
  const view = async (caseNo: string) =>
    (await call('GET', `/approvals/${caseNo}`, approvers[0])).body as unknown as CaseView;
  const decide = (caseNo: string, stepNo: number, token: string) =>
    call('POST', `/approvals/${caseNo}/decision`, token, {
      stepNo,
      decision: 'approve',
      opinion: `环节${stepNo}：同意`,
    });
  const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [
        TOPICS.APPROVAL_CASE_OPENED,
        TOPICS.APPROVAL_STEP_COMPLETED,
        TOPICS.APPROVAL_CASE_APPROVED,
        TOPICS.APPROVAL_CASE_DENIED,
        TOPICS.APPROVAL_CASE_RESUMED,
      ],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  it('runs a 2-step workflow (1 承办, 3 批准) through to the decision, one approver per step', async () => {
    const itemCode = newItem();
    const steps = [
      { code: '1', role: 'approver', limitDays: 2 },
      { code: '3', role: 'approver', limitDays: 1 },
    ];
    const wf = await call('POST', '/workflows', admin, { itemCode, steps });
    expect([wf.status, wf.body.version]).toEqual([201, 1]);

    // Wednesday 2026-09-30: 承办 + 2 working days runs over National Day to Friday 10-09.
    at('2026-09-30T02:00:00Z');
    const caseNo = await openCase({ itemCode });
    const open = t.collector.find(TOPICS.APPROVAL_CASE_OPENED, (m) => m.key === caseNo)[0];
    expect(open.value).toMatchObject({ steps: ['承办', '批准'], stepDueDate: '2026-10-09' });
    expect(cal.addWorkingDays('2026-09-30', 2)).toBe('2026-10-09');
    const v = await view(caseNo);
    expect(v).toMatchObject({ status: 'OPEN', currentStep: 1, workflowVersion: 1 });
    expect(v.steps.map((s) => [s.code, s.name, s.state, s.startedOn, s.dueDate])).toEqual([
      ['1', '承办', 'CURRENT', '2026-09-30', '2026-10-09'],
      ['3', '批准', 'PENDING', null, null],
    ]);

    // 承办 decided 10-09: 批准 starts with its 1 working day → Saturday 10-10 (调休, worked).
    at('2026-10-09T02:00:00Z');
    const first = await decide(caseNo, 1, approvers[0]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'OPEN', currentStep: 2 });
    // The 承办 approver may not take 批准 too (separation of duties), and no third step exists.
    const again = await decide(caseNo, 2, approvers[0]);
    expect([again.status, again.body.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    const beyond = await decide(caseNo, 3, approvers[1]);
    expect([beyond.status, beyond.body.code]).toEqual([409, 'STEP_MISMATCH']);

    at('2026-10-10T02:00:00Z');
    const last = await decide(caseNo, 2, approvers[1]);
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ status: 'APPROVED', currentStep: null });
    const approved = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo);
    expect(approved.value).toMatchObject({ caseNo, opinion: '环节2：同意' });
    await waitFor(
      () =>
        t.collector.find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo).length === 2 || undefined,
    );
    expect(
      t.collector
        .find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)
        .map((m) => {
          const e = m.value as {
            stepNo: number;
            stepCode: string;
            nextStepNo?: number;
            nextStepDueDate?: string;
          };
          return [e.stepNo, e.stepCode, e.nextStepNo, e.nextStepDueDate];
        }),
    ).toEqual([
      [1, '1', 2, '2026-10-10'],
      [2, '3', undefined, undefined],
    ]);
    const done = await view(caseNo);
    expect(done.steps.map((s) => s.state)).toEqual(['DONE', 'DONE']);
    expect(done.audit.map((a) => [a.action, a.stepNo, a.actor])).toEqual([
      ['OPENED', null, '系统'],
      ['STEP_APPROVED', 1, '审批员1'],
      ['STEP_APPROVED', 2, '审批员2'],
      ['APPROVED', null, '审批员2'],
    ]);
    expect(t.collector.find(TOPICS.APPROVAL_CASE_DENIED, (m) => m.key === caseNo)).toHaveLength(0);
  });

  it('resumes a 自然日 item after a 特别程序: the case moves by natural days, its step by working days', async () => {
    const start = (caseNo: string) =>
      call('POST', `/approvals/${caseNo}/special-procedures`, approvers[0], {
        type: '3',
        reason: '依法公示',
        expectedEndDate: '2026-10-09',
      });
    // Two cases of the same dates: one promised in 自然日 (20 days), one in 工作日 (for comparison).
    at('2026-09-28T02:00:00Z');
    const natural = await openCase({ promiseDate: '2026-10-18', promiseLimit: 20, promiseUnit: '2' });
    const working = await openCase({ promiseDate: '2026-10-20', promiseLimit: 15, promiseUnit: '1' });
    expect(
      await t.count(`SELECT count(*) AS n FROM approval_cases WHERE case_no = $1 AND promise_unit = '2'`, [
        natural,
      ]),
    ).toBe(1);
    for (const c of [natural, working]) expect((await view(c)).steps[0].dueDate).toBe('2026-09-30');

    at('2026-09-29T02:00:00Z');
    const ids: Record<string, string> = {};
    for (const c of [natural, working]) {
      const s = await start(c);
      expect([s.status, s.body.status]).toEqual([200, 'SUSPENDED']);
      ids[c] = (s.body.specialProcedures as Array<{ id: string }>)[0].id;
    }

    at('2026-10-09T02:00:00Z');
    const ended = async (c: string) => {
      const e = await call('POST', `/approvals/${c}/special-procedures/${ids[c]}/end`, approvers[0], {
        result: '公示期满，无异议',
      });
      expect(e.status).toBe(200);
      return e.body as unknown as CaseView;
    };
    // Paused (09-29, 10-09]: 10 natural days, 3 working days (09-30, 10-08, 10-09; National Day between).
    expect(cal.workingDaysBetween('2026-09-29', '2026-10-09')).toBe(3);
    const n = await ended(natural);
    // 自然日: the case's 承诺办结日期 10-18 + 10 natural days → 10-28 (a Wednesday, no calendar lookup).
    expect(n).toMatchObject({ status: 'OPEN', currentStep: 1, dueDate: '2026-10-28' });
    // The step's limit is in working days: 09-30 + 3 → 10-08, 10-09, 10-10 (调休 Saturday).
    expect(n.steps[0].dueDate).toBe('2026-10-10');
    const w = await ended(working);
    // 工作日: 10-20 + 3 working days → 10-23; the same step due date.
    expect(w).toMatchObject({ dueDate: '2026-10-23' });
    expect(w.steps[0].dueDate).toBe('2026-10-10');

    const resumed = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_RESUMED, (m) => m.key === natural);
    // Intake adopts the event's dueDate as the case's 承诺办结日期; pausedWorkingDays stays a working-day count.
    expect(resumed.value).toMatchObject({
      procedureId: ids[natural],
      pausedWorkingDays: 3,
      stepDueDate: '2026-10-10',
      dueDate: '2026-10-28',
    });
    expect((await view(natural)).specialProcedures).toEqual([
      expect.objectContaining({ id: ids[natural], state: 'ENDED', pausedWorkingDays: 3 }),
    ]);
    // The clock runs again: the step can be decided.
    expect((await decide(natural, 1, approvers[0])).status).toBe(200);
  });
});
