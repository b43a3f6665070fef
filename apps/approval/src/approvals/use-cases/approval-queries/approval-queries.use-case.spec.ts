import { testWorkCalendar } from '@app/shared/testing';
import type { DelegationRepository } from '../../../authorisations/delegation.repository';
import { ApprovalsPolicy, DelegationGrant } from '../../approvals.policy';
import { ApprovalAuditEntity } from '../../entities/audit.entity';
import type { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { admin, approvalCase, approver, DEPT, OTHER_DEPT } from '../../testing/approval.fixtures';
import { delegation } from '../../testing/delegation.fixtures';
import { ApprovalQueries } from './approval-queries.use-case';

describe('ApprovalQueries', () => {
  const audit = Object.assign(new ApprovalAuditEntity(), {
    action: 'OPENED',
    stepNo: null,
    actorSub: 'system',
    actorName: '系统',
    actorDept: null,
    opinion: null,
    at: new Date('2026-11-24T02:00:00Z'),
  });
  let now = '2026-11-24T02:00:00Z';
  let grants: DelegationGrant[] = [];
  const setup = () => {
    const delegations = { toDept: jest.fn().mockResolvedValue(grants) };
    const cases = {
      findByCaseNo: jest.fn().mockResolvedValue(approvalCase()),
      auditOf: jest.fn().mockResolvedValue([audit]),
      proceduresOf: jest.fn().mockResolvedValue([]),
      page: jest.fn().mockResolvedValue({ items: [approvalCase()], page: 1, pageSize: 20, total: 1 }),
    };
    return {
      cases,
      queries: new ApprovalQueries(
        cases as unknown as ApprovalCaseRepository,
        new ApprovalsPolicy(),
        testWorkCalendar(),
        { now: () => new Date(now) },
        delegations as unknown as DelegationRepository,
      ),
      delegations,
    };
  };

  it('shows a case of the caller’s department with its steps and audit trail', async () => {
    const { queries } = setup();
    const v = await queries.get(approver(), '33010620261124000001');
    expect(v).toMatchObject({
      caseNo: '33010620261124000001',
      status: 'OPEN',
      currentStep: 1,
      department: { code: DEPT },
      steps: [
        { stepNo: 1, code: '1', state: 'CURRENT' },
        { stepNo: 2, state: 'PENDING' },
        { stepNo: 3, state: 'PENDING' },
      ],
      audit: [{ action: 'OPENED', actor: '系统', at: '2026-11-24T02:00:00.000Z' }],
    });
    expect((await queries.get(admin(), '33010620261124000001')).caseNo).toBe('33010620261124000001');
  });

  it('answers 404 APPROVAL_NOT_FOUND for another department’s case and reads no audit', async () => {
    const { cases, queries } = setup();
    await expect(queries.get(approver('x', OTHER_DEPT), '33010620261124000001')).rejects.toMatchObject({
      code: 'APPROVAL_NOT_FOUND',
      details: { caseNo: '33010620261124000001' },
    });
    expect(cases.auditOf).not.toHaveBeenCalled();
  });

  it('limits lists to the caller’s department (admin: all) and returns summaries without audit', async () => {
    const { cases, queries } = setup();
    const page = await queries.list(approver(), { page: 1, pageSize: 20, status: 'OPEN' });
    expect(cases.page).toHaveBeenCalledWith({ dept: DEPT, status: 'OPEN' }, expect.anything());
    expect(page.items[0]).not.toHaveProperty('audit');
    await queries.list(admin(), { page: 1, pageSize: 20 });
    expect(cases.page).toHaveBeenLastCalledWith({ dept: null, status: undefined }, expect.anything());
  });

  it('adds the current step with its due date and working days left; none once closed or withdrawn', async () => {
    const { cases, queries } = setup();
    // Step 1 due 2026-11-26 (Thursday); today 2026-11-24 (Tuesday): 11-25, 11-26.
    cases.page.mockResolvedValue({
      items: [
        approvalCase(),
        approvalCase({ caseNo: '33010620261124000002', status: 'WITHDRAWN' }),
        approvalCase({ caseNo: '33010620261124000003', status: 'APPROVED' }),
      ],
      page: 1,
      pageSize: 20,
      total: 3,
    });
    const page = await queries.list(approver(), { page: 1, pageSize: 20 });
    expect(page.items.map((i) => i.current)).toEqual([
      {
        stepNo: 1,
        code: '1',
        name: '承办',
        role: 'approver',
        dueDate: '2026-11-26',
        remainingWorkingDays: 2,
        overdue: false,
      },
      null,
      null,
    ]);
    expect(page.items[1]).toMatchObject({
      status: 'WITHDRAWN',
      currentStep: null,
      steps: [{ state: 'CANCELLED' }, { state: 'CANCELLED' }, { state: 'CANCELLED' }],
    });
    // Monday 2026-11-30: due the Thursday before → 2 working days late (11-27, 11-30).
    now = '2026-11-30T02:00:00Z';
    const late = await setup().queries.list(approver(), { page: 1, pageSize: 20 });
    expect(late.items[0].current).toMatchObject({ remainingWorkingDays: -2, overdue: true });
    now = '2026-11-24T02:00:00Z';
  });

  it('passes the queue filters with today (Asia/Shanghai) and the caller’s deciding roles', async () => {
    const { cases, queries } = setup();
    const chief = { ...approver('c'), roles: ['chief' as const] };
    await queries.list(chief, {
      page: 1,
      pageSize: 20,
      stepCode: '3',
      assignee: 'me',
      dueBefore: '2026-12-01',
      overdue: 'true',
      sort: 'due',
    });
    expect(cases.page).toHaveBeenLastCalledWith(
      {
        dept: DEPT,
        status: undefined,
        stepCode: '3',
        roles: ['chief'],
        dueOnOrBefore: '2026-12-01',
        overdueOn: '2026-11-24',
        sort: 'due',
      },
      expect.anything(),
    );
    await queries.list(admin(), { page: 1, pageSize: 20, assignee: 'me', overdue: 'false' });
    expect(cases.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ dept: null, roles: [], overdueOn: undefined }),
      expect.anything(),
    );
  });

  it('remainingMax=n lists the current steps due before the (n+1)-th working day from today', async () => {
    const { cases, queries } = setup();
    // Tuesday 2026-11-24: at most 3 working days left → due before Monday 11-30.
    await queries.list(approver(), { page: 1, pageSize: 20, remainingMax: 3 });
    expect(cases.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ dept: DEPT, dueBefore: '2026-11-30' }),
      expect.anything(),
    );
    await queries.list(approver(), { page: 1, pageSize: 20, remainingMax: 0 });
    expect(cases.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ dueBefore: '2026-11-25' }),
      expect.anything(),
    );
    await queries.list(approver(), { page: 1, pageSize: 20 });
    expect(cases.page.mock.calls.at(-1)?.[0]).not.toHaveProperty('dueBefore');
  });

  it('answers 503 CALENDAR_NOT_COVERED for remainingMax when today lies outside the calendar', async () => {
    now = '2029-03-01T02:00:00Z';
    const { cases, queries } = setup();
    await expect(queries.list(approver(), { page: 1, pageSize: 20, remainingMax: 1 })).rejects.toMatchObject({
      code: 'CALENDAR_NOT_COVERED',
    });
    expect(cases.page).not.toHaveBeenCalled();
    now = '2026-11-24T02:00:00Z';
  });

  it('shows a department head (dept_head) the department’s cases and queue, read only, assigned none', async () => {
    const head = { ...approver('head-1'), roles: ['dept_head' as const] };
    const { cases, queries } = setup();
    expect((await queries.get(head, '33010620261124000001')).caseNo).toBe('33010620261124000001');
    await expect(queries.get({ ...head, dept: OTHER_DEPT }, '33010620261124000001')).rejects.toMatchObject({
      code: 'APPROVAL_NOT_FOUND',
    });
    await queries.list(head, { page: 1, pageSize: 20, assignee: 'me' });
    // Scoped to the head's department like an approver's or a chief's; steps go to roles it does not hold.
    expect(cases.page).toHaveBeenLastCalledWith(
      expect.objectContaining({ dept: DEPT, roles: [] }),
      expect.anything(),
    );
  });

  describe('under a cross-department delegation', () => {
    const delegate = approver('delegate-1', OTHER_DEPT);
    afterEach(() => {
      grants = [];
      now = '2026-11-24T02:00:00Z';
    });

    it('shows the delegated case while the delegation is valid, 404 after it expired or was revoked', async () => {
      grants = [delegation()];
      expect((await setup().queries.get(delegate, '33010620261124000001')).caseNo).toBe(
        '33010620261124000001',
      );
      grants = [delegation({ revokedAt: new Date('2026-11-20T00:00:00Z') })];
      await expect(setup().queries.get(delegate, '33010620261124000001')).rejects.toMatchObject({
        code: 'APPROVAL_NOT_FOUND',
      });
      grants = [delegation()];
      now = '2026-12-01T00:00:00Z';
      await expect(setup().queries.get(delegate, '33010620261124000001')).rejects.toMatchObject({
        code: 'APPROVAL_NOT_FOUND',
      });
    });

    it('extends the delegate’s list with the (department, items) of the valid delegations', async () => {
      grants = [delegation(), delegation({ id: 'gone', revokedAt: new Date('2026-11-20T00:00:00Z') })];
      const { cases, delegations, queries } = setup();
      await queries.list(delegate, { page: 1, pageSize: 20 });
      expect(delegations.toDept).toHaveBeenCalledWith(OTHER_DEPT);
      expect(cases.page).toHaveBeenCalledWith(
        expect.objectContaining({
          dept: OTHER_DEPT,
          delegated: [{ fromDept: DEPT, itemCodes: delegation().itemCodes }],
        }),
        expect.anything(),
      );
    });
  });
});
