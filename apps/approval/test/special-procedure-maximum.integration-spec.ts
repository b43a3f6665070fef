import { TOPICS } from '@app/shared/contracts';
import { ServiceUnderTest, startServiceUnderTest, testToken, testWorkCalendar } from '@app/shared/testing';
import { openApprovalCase } from './approval-test-kit';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/approvals/clock';
import { ApprovalConfig } from '../src/config/approval.config';

const DEPT = '113301000024901620';

interface CaseView {
  status: string;
  dueDate: string;
  steps: Array<{ dueDate: string | null }>;
  audit: Array<{ action: string; procedureId: string | null; opinion: string | null }>;
  specialProcedures: Array<{ id: string; state: string; pausedWorkingDays: number | null }>;
}

/**
 * The 特别程序 maximum holds at the end too, against the real PostgreSQL and Kafka with the test
 * calendar: a procedure that runs past its type's maximum is credited up to start + maximum working
 * days only; the days beyond count against the promise and are audited and announced.
 */
describe('approval 特别程序 maximum at the end (integration)', () => {
  let t: ServiceUnderTest;
  let clock: Clock;
  const cal = testWorkCalendar();
  const approver = testToken({ sub: 'sm-approver', roles: ['approver'], name: '审批员', dept: DEPT });

  const openCase = (promiseDate: string) => openApprovalCase(t, `${DEPT}000111203000001`, { promiseDate });
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${approver}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as CaseView & Record<string, unknown> };
  };
  const at = (iso: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
  const startAndEnd = async (
    caseNo: string,
    type: string,
    from: string,
    expectedEndDate: string,
    endAt: string,
  ) => {
    at(from);
    const s = await post(`/approvals/${caseNo}/special-procedures`, {
      type,
      reason: '公示',
      expectedEndDate,
    });
    expect(s.status).toBe(200);
    const id = s.body.specialProcedures[0].id;
    at(endAt);
    const e = await post(`/approvals/${caseNo}/special-procedures/${id}/end`, { result: '期满无异议' });
    expect(e.status).toBe(200);
    const resumed = await t.collector.waitForMessage(TOPICS.APPROVAL_CASE_RESUMED, (m) => m.key === caseNo);
    return { id, view: e.body, event: resumed.value as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, ApprovalConfig, {
      service: 'approval',
      topics: [TOPICS.APPROVAL_CASE_OPENED, TOPICS.APPROVAL_CASE_RESUMED],
      configure: (app) => {
        clock = app.get(Clock);
      },
    });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.stop());

  it('credits a 公示 that overran across National Day only up to its 10-working-day maximum', async () => {
    at('2026-09-28T02:00:00Z');
    const caseNo = await openCase('2026-10-20');
    // 公示 (type 3) at most 10 working days from 2026-09-29: latest end 2026-10-19 (10-01…07 holiday,
    // 10-10 a Saturday worked). It ends on 2026-10-22: 10-20, 10-21, 10-22 overran.
    expect(cal.addWorkingDays('2026-09-29', 10)).toBe('2026-10-19');
    expect(cal.workingDaysBetween('2026-09-29', '2026-10-22')).toBe(13);
    const { id, view, event } = await startAndEnd(
      caseNo,
      '3',
      '2026-09-29T02:00:00Z',
      '2026-10-19',
      '2026-10-22T02:00:00Z',
    );
    // Step 1 due 09-30 + 10 → 10-20; case 10-20 + 10 → 11-03 (not + 13 → 10-23 / 11-06).
    expect(view).toMatchObject({ status: 'OPEN', dueDate: '2026-11-03' });
    expect(view.steps[0].dueDate).toBe('2026-10-20');
    expect(view.specialProcedures).toEqual([
      expect.objectContaining({ id, state: 'ENDED', pausedWorkingDays: 10 }),
    ]);
    expect(event).toMatchObject({
      procedureId: id,
      pausedWorkingDays: 10,
      overrunWorkingDays: 3,
      stepDueDate: '2026-10-20',
      dueDate: '2026-11-03',
    });
    expect(view.audit.map((a) => [a.action, a.procedureId])).toEqual([
      ['OPENED', null],
      ['SUSPENDED', id],
      ['RESUMED', id],
      ['PROCEDURE_OVERRUN', id],
    ]);
    expect(view.audit[3].opinion).toContain('2026-10-19');
    expect(view.audit[3].opinion).toContain('3 working day');
  });

  it('credits every day of a 核实 that ends on its latest day across New Year, with no overrun', async () => {
    at('2026-12-29T02:00:00Z');
    const caseNo = await openCase('2027-01-08');
    // 核实 (type 4) at most 10 working days from 2026-12-30 (2027-01-01 holiday): latest end 2027-01-14.
    expect(cal.addWorkingDays('2026-12-30', 10)).toBe('2027-01-14');
    const { view, event } = await startAndEnd(
      caseNo,
      '4',
      '2026-12-30T02:00:00Z',
      '2027-01-14',
      '2027-01-14T02:00:00Z',
    );
    // Case 2027-01-08 + 10 working days → 2027-01-22.
    expect(event).toMatchObject({ pausedWorkingDays: 10, overrunWorkingDays: 0, dueDate: '2027-01-22' });
    expect(view.dueDate).toBe('2027-01-22');
    expect(view.audit.map((a) => a.action)).not.toContain('PROCEDURE_OVERRUN');
  });
});
