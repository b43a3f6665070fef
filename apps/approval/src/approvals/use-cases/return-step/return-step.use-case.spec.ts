import { TOPICS } from '@app/shared/contracts';
import { testWorkCalendar } from '@app/shared/testing';
import { ApprovalsPolicy } from '../../approvals.policy';
import type { ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { approvalCase, approver, promiseSteps } from '../../testing/approval.fixtures';
import { commandHarness } from '../../testing/use-case.harness';
import { ReturnStepUseCase } from './return-step.use-case';

describe('ReturnStepUseCase', () => {
  const setup = (a: ApprovalCaseEntity | null, decidedStep: number | null = null) => {
    const h = commandHarness(a, decidedStep);
    const useCase = new ReturnStepUseCase(
      h.repo,
      new ApprovalsPolicy(),
      h.box,
      h.relayRef,
      h.queriesRef,
      testWorkCalendar(),
      h.clockAt('2026-09-30T02:00:00Z'),
      h.delegationsRef,
    );
    return { ...h, useCase };
  };
  const cmd = (stepNo = 2) => ({ caseNo: '33010620261124000001', stepNo, reason: '材料需补充核查' });

  it('sends the case back to the previous step, restarts its clock, audits and announces it (noderesult 7)', async () => {
    const a = approvalCase({ currentStep: 2, steps: promiseSteps() });
    const { cases, outbox, useCase } = setup(a);
    await useCase.execute(approver('approver-2'), cmd());
    expect(a.currentStep).toBe(1);
    expect(a.steps[0]).toMatchObject({ startedOn: '2026-09-30', dueDate: '2026-10-09' });
    expect(cases.appendAudit).toHaveBeenCalledWith(
      expect.anything(),
      a,
      expect.objectContaining({ action: 'RETURNED', stepNo: 2, opinion: '材料需补充核查' }),
    );
    expect(outbox.add).toHaveBeenCalledWith(
      expect.anything(),
      TOPICS.APPROVAL_STEP_RETURNED,
      a.caseNo,
      expect.objectContaining({
        fromStepNo: 2,
        fromStepCode: '2',
        toStepNo: 1,
        toStepCode: '1',
        result: '7',
        stepDueDate: '2026-10-09',
      }),
    );
  });

  it('refuses step 1 (409 RETURN_NOT_ALLOWED), a stale step, a suspended case and another step’s decider', async () => {
    const first = setup(approvalCase());
    await expect(first.useCase.execute(approver(), cmd(1))).rejects.toMatchObject({
      code: 'RETURN_NOT_ALLOWED',
    });
    expect(first.outbox.add).not.toHaveBeenCalled();
    await expect(
      setup(approvalCase({ currentStep: 3 })).useCase.execute(approver(), cmd(2)),
    ).rejects.toMatchObject({
      code: 'STEP_MISMATCH',
    });
    await expect(
      setup(approvalCase({ currentStep: 2, status: 'SUSPENDED' })).useCase.execute(approver(), cmd()),
    ).rejects.toMatchObject({ code: 'CASE_SUSPENDED' });
    await expect(
      setup(approvalCase({ currentStep: 2 }), 1).useCase.execute(approver(), cmd()),
    ).rejects.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
    });
  });
});
