import { TOPICS } from '@app/shared/contracts';
import { testWorkCalendar } from '@app/shared/testing';
import { ApprovalConfig } from '../../../config/approval.config';
import { ApprovalsPolicy } from '../../approvals.policy';
import type { ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { SpecialProcedureEntity } from '../../entities/special-procedure.entity';
import { admin, approvalCase, approver } from '../../testing/approval.fixtures';
import { commandHarness } from '../../testing/use-case.harness';
import { SpecialProceduresUseCase } from './special-procedures.use-case';

const PROC = '00000000-0000-4000-8000-0000000000a1';

describe('SpecialProceduresUseCase', () => {
  const setup = (a: ApprovalCaseEntity | null, at: string) => {
    const h = commandHarness(a);
    const useCase = new SpecialProceduresUseCase(
      h.repo,
      new ApprovalsPolicy(),
      h.box,
      h.relayRef,
      h.queriesRef,
      testWorkCalendar(),
      h.clockAt(at),
      new ApprovalConfig(),
      h.delegationsRef,
    );
    return { ...h, useCase };
  };
  const start = { caseNo: '33010620261124000001', type: '2' as const, reason: '申请人要求听证' };

  it('suspends an open case, audits and announces it', async () => {
    const a = approvalCase();
    const { cases, outbox, useCase } = setup(a, '2026-09-29T02:00:00Z');
    await useCase.start(approver(), { ...start, expectedEndDate: '2026-10-12' });
    expect(a.status).toBe('SUSPENDED');
    expect(cases.insertProcedure).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        type: '2',
        startedOn: '2026-09-29',
        stepNo: 1,
        expectedEndDate: '2026-10-12',
      }),
    );
    expect(cases.appendAudit.mock.calls[0][2]).toMatchObject({ action: 'SUSPENDED', procedureId: PROC });
    expect(outbox.add).toHaveBeenCalledWith(
      expect.anything(),
      TOPICS.APPROVAL_CASE_SUSPENDED,
      a.caseNo,
      expect.objectContaining({ type: '2', typeName: '听证', result: '6', expectedEndDate: '2026-10-12' }),
    );
  });

  it('refuses an end date past the type’s maximum (422), in the past (400), a suspended or closed case', async () => {
    // 公示 at most 10 working days from 2026-09-29: 09-30, 10-08, 10-09, 10-10 (调休), 10-12 … 10-16, 10-19.
    const tooLong = setup(approvalCase(), '2026-09-29T02:00:00Z');
    await expect(
      tooLong.useCase.start(approver(), { ...start, type: '3', expectedEndDate: '2026-10-20' }),
    ).rejects.toMatchObject({
      code: 'SPECIAL_PROCEDURE_TOO_LONG',
      status: 422,
      details: { maxWorkingDays: 10, latestEndDate: '2026-10-19' },
    });
    expect(tooLong.cases.insertProcedure).not.toHaveBeenCalled();
    await expect(
      setup(approvalCase(), '2026-09-29T02:00:00Z').useCase.start(approver(), {
        ...start,
        expectedEndDate: '2026-09-28',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    for (const status of ['SUSPENDED', 'APPROVED'] as const) {
      await expect(
        setup(approvalCase({ status }), '2026-09-29T02:00:00Z').useCase.start(approver(), {
          ...start,
          expectedEndDate: '2026-10-12',
        }),
      ).rejects.toMatchObject({ code: status === 'SUSPENDED' ? 'CASE_SUSPENDED' : 'INVALID_STATE' });
    }
    await expect(
      setup(approvalCase(), '2026-09-29T02:00:00Z').useCase.start(admin(), {
        ...start,
        expectedEndDate: '2026-10-12',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('resumes: the step and the case move by the paused working days, holidays not counted', async () => {
    const a = approvalCase({ status: 'SUSPENDED', dueDate: '2026-10-20' });
    a.steps[0] = { ...a.steps[0], startedOn: '2026-09-28', dueDate: '2026-09-30' };
    const p = Object.assign(new SpecialProcedureEntity(), {
      id: PROC,
      approvalId: a.id,
      caseNo: a.caseNo,
      type: '2',
      reason: '申请人要求听证',
      expectedEndDate: '2026-10-12',
      stepNo: 1,
      startedAt: new Date('2026-09-29T02:00:00Z'),
      startedOn: '2026-09-29',
      startedBy: '审批员',
      endedAt: null,
      endedOn: null,
      endedBy: null,
      result: null,
      pausedWorkingDays: null,
    });
    const { cases, outbox, useCase } = setup(a, '2026-10-09T02:00:00Z');
    cases.findProcedureForUpdate.mockResolvedValue(p);
    await useCase.end(approver(), { caseNo: a.caseNo, procedureId: PROC, result: '听证结束，维持原意见' });
    expect(a.status).toBe('OPEN');
    // (09-29, 10-09]: 09-30, 10-08, 10-09 = 3; 09-30 + 3 → 10-10 (调休 Saturday); 10-20 + 3 → 10-23.
    expect(p).toMatchObject({ endedOn: '2026-10-09', pausedWorkingDays: 3 });
    expect(a.steps[0].dueDate).toBe('2026-10-10');
    expect(a.dueDate).toBe('2026-10-23');
    expect(outbox.add).toHaveBeenCalledWith(
      expect.anything(),
      TOPICS.APPROVAL_CASE_RESUMED,
      a.caseNo,
      expect.objectContaining({
        pausedWorkingDays: 3,
        overrunWorkingDays: 0,
        stepDueDate: '2026-10-10',
        dueDate: '2026-10-23',
      }),
    );
    expect(cases.appendAudit.mock.calls.map((c) => c[2].action)).toEqual(['RESUMED']);
  });

  it('credits an overrun procedure up to the type’s maximum only; the overrun counts and is audited', async () => {
    const a = approvalCase({ status: 'SUSPENDED', dueDate: '2026-10-20', promiseUnit: '2' });
    a.steps[0] = { ...a.steps[0], startedOn: '2026-09-28', dueDate: '2026-09-30' };
    const p = Object.assign(new SpecialProcedureEntity(), {
      id: PROC,
      approvalId: a.id,
      caseNo: a.caseNo,
      type: '3',
      reason: '公示',
      expectedEndDate: '2026-10-19',
      stepNo: 1,
      startedAt: new Date('2026-09-29T02:00:00Z'),
      startedOn: '2026-09-29',
      startedBy: '审批员',
      endedAt: null,
      endedOn: null,
      endedBy: null,
      result: null,
      pausedWorkingDays: null,
    });
    const { cases, outbox, useCase } = setup(a, '2026-10-22T02:00:00Z');
    cases.findProcedureForUpdate.mockResolvedValue(p);
    await useCase.end(approver(), { caseNo: a.caseNo, procedureId: PROC, result: '公示期满无异议' });
    // 公示 at most 10 working days: credited (09-29, 10-19]; 10-20, 10-21, 10-22 overran (3 working days).
    // Step 09-30 + 10 wd → 10-20; the 自然日 case by the 20 natural days credited: 10-20 → 11-09.
    expect(p).toMatchObject({ endedOn: '2026-10-22', pausedWorkingDays: 10 });
    expect(a.steps[0].dueDate).toBe('2026-10-20');
    expect(a.dueDate).toBe('2026-11-09');
    expect(cases.appendAudit.mock.calls.map((c) => c[2].action)).toEqual(['RESUMED', 'PROCEDURE_OVERRUN']);
    expect(cases.appendAudit.mock.calls[1][2]).toMatchObject({ procedureId: PROC, stepNo: 1 });
    expect(cases.appendAudit.mock.calls[1][2].opinion).toContain('2026-10-19');
    expect(outbox.add).toHaveBeenCalledWith(
      expect.anything(),
      TOPICS.APPROVAL_CASE_RESUMED,
      a.caseNo,
      expect.objectContaining({ pausedWorkingDays: 10, overrunWorkingDays: 3, dueDate: '2026-11-09' }),
    );
  });

  it('resumes a 自然日 case: its due date moves by the natural days paused, the step by working days', async () => {
    const a = approvalCase({ status: 'SUSPENDED', dueDate: '2026-10-20', promiseUnit: '2' });
    a.steps[0] = { ...a.steps[0], startedOn: '2026-09-28', dueDate: '2026-09-30' };
    const p = Object.assign(new SpecialProcedureEntity(), {
      id: PROC,
      approvalId: a.id,
      caseNo: a.caseNo,
      type: '3',
      reason: '公示',
      expectedEndDate: '2026-10-12',
      stepNo: 1,
      startedAt: new Date('2026-09-29T02:00:00Z'),
      startedOn: '2026-09-29',
      startedBy: '审批员',
      endedAt: null,
      endedOn: null,
      endedBy: null,
      result: null,
      pausedWorkingDays: null,
    });
    const { cases, outbox, useCase } = setup(a, '2026-10-09T02:00:00Z');
    cases.findProcedureForUpdate.mockResolvedValue(p);
    await useCase.end(approver(), { caseNo: a.caseNo, procedureId: PROC, result: '公示期满无异议' });
    // (09-29, 10-09]: 10 natural days (3 working days): case 10-20 + 10 → 10-30; step 09-30 + 3 wd → 10-10.
    expect(p).toMatchObject({ endedOn: '2026-10-09', pausedWorkingDays: 3 });
    expect(a.steps[0].dueDate).toBe('2026-10-10');
    expect(a.dueDate).toBe('2026-10-30');
    expect(outbox.add).toHaveBeenCalledWith(
      expect.anything(),
      TOPICS.APPROVAL_CASE_RESUMED,
      a.caseNo,
      expect.objectContaining({ pausedWorkingDays: 3, stepDueDate: '2026-10-10', dueDate: '2026-10-30' }),
    );
  });

  it('answers an unknown procedure with 404 and an ended one with 409', async () => {
    const unknown = setup(approvalCase({ status: 'SUSPENDED' }), '2026-10-09T02:00:00Z');
    await expect(
      unknown.useCase.end(approver(), { caseNo: '33010620261124000001', procedureId: PROC, result: '结束' }),
    ).rejects.toMatchObject({ code: 'SPECIAL_PROCEDURE_NOT_FOUND' });
    const ended = setup(approvalCase(), '2026-10-09T02:00:00Z');
    ended.cases.findProcedureForUpdate.mockResolvedValue({ id: PROC, endedAt: new Date() });
    await expect(
      ended.useCase.end(approver(), { caseNo: '33010620261124000001', procedureId: PROC, result: '结束' }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(ended.outbox.add).not.toHaveBeenCalled();
  });
});
