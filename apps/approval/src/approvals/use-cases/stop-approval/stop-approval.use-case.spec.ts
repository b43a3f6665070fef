import { ApplicationWithdrawnV1 } from '@app/shared/contracts';
import { testWorkCalendar } from '@app/shared/testing';
import type { ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { SpecialProcedureEntity } from '../../entities/special-procedure.entity';
import { approvalCase } from '../../testing/approval.fixtures';
import { commandHarness } from '../../testing/use-case.harness';
import {
  StopApprovalUseCase,
  WITHDRAWN_DEFAULT_OPINION,
  WITHDRAWN_PROCEDURE_RESULT,
} from './stop-approval.use-case';

describe('StopApprovalUseCase', () => {
  const setup = (a: ApprovalCaseEntity | null) => {
    const h = commandHarness(a);
    return { ...h, useCase: new StopApprovalUseCase(h.repo, testWorkCalendar()) };
  };
  const withdrawn = (over: Partial<ApplicationWithdrawnV1> = {}): ApplicationWithdrawnV1 => {
    const a = approvalCase();
    return {
      caseNo: a.caseNo,
      itemCode: a.itemCode,
      itemName: a.itemName,
      deptCode: a.deptCode,
      deptName: a.deptName,
      withdrawnAt: '2026-11-25T03:00:00.000Z',
      previousStatus: 'IN_APPROVAL',
      reason: '申请人不再经营',
      ...over,
    };
  };

  it('withdraws an OPEN case: status, audit by the system at the withdrawal time, no event', async () => {
    const a = approvalCase({ currentStep: 2 });
    const { cases, outbox, em, useCase } = setup(a);
    expect(await useCase.execute(em, withdrawn())).toBe('WITHDRAWN');
    expect(a.status).toBe('WITHDRAWN');
    expect(a.decidedAt).toBeNull();
    expect(cases.save).toHaveBeenCalledWith(em, a);
    expect(cases.appendAudit).toHaveBeenCalledTimes(1);
    expect(cases.appendAudit.mock.calls[0][2]).toEqual({
      action: 'WITHDRAWN',
      stepNo: 2,
      actor: { sub: 'system', name: '系统', dept: null },
      opinion: '申请人不再经营',
      at: new Date('2026-11-25T03:00:00.000Z'),
      procedureId: null,
    });
    expect(cases.findRunningProcedureForUpdate).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('records a default opinion when the withdrawal gives no reason', async () => {
    const { cases, em, useCase } = setup(approvalCase());
    await useCase.execute(em, withdrawn({ reason: null }));
    expect(cases.appendAudit.mock.calls[0][2]).toMatchObject({ opinion: WITHDRAWN_DEFAULT_OPINION });
  });

  it('ends the running 特别程序 of a SUSPENDED case at the withdrawal date', async () => {
    const a = approvalCase({ status: 'SUSPENDED' });
    const p = Object.assign(new SpecialProcedureEntity(), {
      id: '00000000-0000-4000-8000-0000000000a1',
      approvalId: a.id,
      startedOn: '2026-11-24',
      endedAt: null,
      endedOn: null,
      endedBy: null,
      result: null,
      pausedWorkingDays: null,
    });
    const { cases, outbox, em, useCase } = setup(a);
    cases.findRunningProcedureForUpdate.mockResolvedValue(p);
    // Withdrawn Monday 2026-11-30 (Shanghai): working days in (11-24, 11-30] = 11-25, 11-26, 11-27, 11-30.
    expect(await useCase.execute(em, withdrawn({ withdrawnAt: '2026-11-30T01:00:00.000Z' }))).toBe(
      'WITHDRAWN',
    );
    expect(p).toMatchObject({
      endedAt: new Date('2026-11-30T01:00:00.000Z'),
      endedOn: '2026-11-30',
      endedBy: '系统',
      result: WITHDRAWN_PROCEDURE_RESULT,
      pausedWorkingDays: 4,
    });
    expect(cases.saveProcedure).toHaveBeenCalledWith(em, p);
    expect(a.status).toBe('WITHDRAWN');
    expect(cases.appendAudit.mock.calls[0][2]).toMatchObject({ action: 'WITHDRAWN', procedureId: p.id });
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('does nothing for a case approval never opened, one already withdrawn or already decided', async () => {
    const none = setup(null);
    expect(await none.useCase.execute(none.em, withdrawn({ previousStatus: 'SUBMITTED' }))).toBe(
      'NOT_OPENED',
    );
    expect(await none.useCase.execute(none.em, withdrawn())).toBe('NOT_OPENED');
    expect(none.cases.save).not.toHaveBeenCalled();
    expect(none.cases.appendAudit).not.toHaveBeenCalled();
    for (const [status, outcome] of [
      ['WITHDRAWN', 'ALREADY_WITHDRAWN'],
      ['APPROVED', 'ALREADY_DECIDED'],
      ['DENIED', 'ALREADY_DECIDED'],
    ] as const) {
      const a = approvalCase({ status });
      const h = setup(a);
      expect(await h.useCase.execute(h.em, withdrawn())).toBe(outcome);
      expect(a.status).toBe(status);
      expect(h.cases.save).not.toHaveBeenCalled();
      expect(h.cases.appendAudit).not.toHaveBeenCalled();
      expect(h.outbox.add).not.toHaveBeenCalled();
    }
  });
});
