import type { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { testWorkCalendar } from '@app/shared/testing';
import { ApprovalsPolicy, DelegationGrant } from '../../approvals.policy';
import type { ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { admin, approvalCase, approver, OTHER_DEPT } from '../../testing/approval.fixtures';
import { delegation } from '../../testing/delegation.fixtures';
import { commandHarness } from '../../testing/use-case.harness';
import { CloseApprovalUseCase } from '../close-approval/close-approval.use-case';
import { DecideStepUseCase } from './decide-step.use-case';

describe('DecideStepUseCase', () => {
  const em = {} as EntityManager;
  const setup = (
    a: ApprovalCaseEntity | null,
    decidedStep: number | null = null,
    grants: DelegationGrant[] = [],
  ) => {
    const h = commandHarness(a, decidedStep, grants);
    const useCase = new DecideStepUseCase(
      h.repo,
      new ApprovalsPolicy(),
      h.box,
      h.relayRef,
      new CloseApprovalUseCase(h.repo, h.box),
      testWorkCalendar(),
      h.clockAt('2026-09-30T02:00:00Z'),
      h.delegationsRef,
    );
    return {
      cases: h.cases,
      outbox: h.outbox,
      relay: h.relay,
      queries: h.queries,
      useCase,
      delegations: h.delegations,
    };
  };
  const cmd = (over: Partial<{ stepNo: number; decision: 'approve' | 'deny'; opinion: string }> = {}) => ({
    caseNo: '33010620261124000001',
    stepNo: 1,
    decision: 'approve' as const,
    opinion: '承办：同意',
    ...over,
  });

  it('records the step, announces it, moves to the next step and answers with the case view', async () => {
    const a = approvalCase();
    const { cases, outbox, relay, queries, useCase } = setup(a);
    const view = await useCase.execute(approver(), cmd());
    expect(a.currentStep).toBe(2);
    // 审核 (2 working days) starts on 2026-09-30: 10-01…07 are National Day, 10-08 and 10-09 count.
    expect(a.steps[1]).toMatchObject({ startedOn: '2026-09-30', dueDate: '2026-10-09' });
    expect(cases.appendAudit).toHaveBeenCalledWith(
      em,
      a,
      expect.objectContaining({ action: 'STEP_APPROVED', stepNo: 1, opinion: '承办：同意' }),
    );
    expect(outbox.add).toHaveBeenCalledWith(
      em,
      TOPICS.APPROVAL_STEP_COMPLETED,
      a.caseNo,
      expect.objectContaining({ stepNo: 1, stepCode: '1', result: '1' }),
    );
    expect(cases.save).toHaveBeenCalledWith(em, a);
    expect(relay.poke).toHaveBeenCalled();
    // The answer is built from what the transaction read and wrote: no second read of the case.
    expect(cases.auditOf).toHaveBeenCalledWith(a.caseNo, em);
    // No 特别程序 in the audit trail: none to read.
    expect(cases.proceduresOf).not.toHaveBeenCalled();
    expect(queries.get).not.toHaveBeenCalled();
    expect(view).toMatchObject({ caseNo: a.caseNo, currentStep: 2, specialProcedures: [] });
    expect(view.audit).toEqual([expect.objectContaining({ action: 'STEP_APPROVED', stepNo: 1 })]);
  });

  it('closes the case on the last step: deny → DENIED', async () => {
    const a = approvalCase({ currentStep: 3 });
    const { outbox, queries, useCase } = setup(a);
    const view = await useCase.execute(approver(), cmd({ stepNo: 3, decision: 'deny', opinion: '不予许可' }));
    expect(a.status).toBe('DENIED');
    // The answer holds what the transaction wrote: the step's entry and the closing one, no re-read.
    expect(queries.get).not.toHaveBeenCalled();
    expect(view.status).toBe('DENIED');
    expect(view.audit).toEqual([
      expect.objectContaining({ action: 'STEP_DENIED', stepNo: 3, opinion: '不予许可' }),
      expect.objectContaining({ action: 'DENIED', stepNo: null, opinion: '不予许可' }),
    ]);
    expect(outbox.add.mock.calls.map((c) => c[1])).toEqual([
      TOPICS.APPROVAL_STEP_COMPLETED,
      TOPICS.APPROVAL_CASE_DENIED,
    ]);
  });

  it('answers a case of another department like an unknown one (404, no owner in the details)', async () => {
    for (const a of [approvalCase(), null]) {
      const { cases, outbox, useCase } = setup(a);
      await expect(useCase.execute(approver('x', OTHER_DEPT), cmd())).rejects.toMatchObject({
        code: 'APPROVAL_NOT_FOUND',
        status: 404,
        details: { caseNo: '33010620261124000001' },
      });
      expect(cases.appendAudit).not.toHaveBeenCalled();
      expect(outbox.add).not.toHaveBeenCalled();
    }
  });

  it('refuses a closed case, a stale step and a second step of the same person', async () => {
    await expect(
      setup(approvalCase({ status: 'APPROVED' })).useCase.execute(approver(), cmd()),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      setup(approvalCase({ currentStep: 2 })).useCase.execute(approver(), cmd()),
    ).rejects.toMatchObject({
      code: 'STEP_MISMATCH',
      details: { currentStepNo: 2, stepNo: 1 },
    });
    const sod = setup(approvalCase({ currentStep: 2 }), 1);
    await expect(sod.useCase.execute(approver(), cmd({ stepNo: 2 }))).rejects.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      details: { stepNo: 2, decidedStepNo: 1 },
    });
    expect(sod.outbox.add).not.toHaveBeenCalled();
  });

  it('lets an admin see but not decide', async () => {
    await expect(setup(approvalCase()).useCase.execute(admin(), cmd())).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  describe('under a cross-department delegation', () => {
    const delegate = approver('delegate-1', OTHER_DEPT);

    it('lets the delegate decide the step and names the delegation in the audit row', async () => {
      const a = approvalCase();
      const d = delegation();
      const { cases, delegations, useCase } = setup(a, null, [d]);
      await useCase.execute(delegate, cmd());
      expect(delegations.toDept).toHaveBeenCalledWith(OTHER_DEPT, a.deptCode, em);
      expect(cases.appendAudit).toHaveBeenCalledWith(
        em,
        a,
        expect.objectContaining({ action: 'STEP_APPROVED', stepNo: 1, delegationId: d.id }),
      );
      expect(a.currentStep).toBe(2);
    });

    it('names the delegation on the closing row of the last step', async () => {
      const a = approvalCase({ currentStep: 3 });
      const d = delegation();
      const { cases, useCase } = setup(a, null, [d]);
      await useCase.execute(delegate, cmd({ stepNo: 3 }));
      expect(cases.appendAudit).toHaveBeenLastCalledWith(
        em,
        a,
        expect.objectContaining({ action: 'APPROVED', delegationId: d.id }),
      );
    });

    it.each([
      ['expired', delegation({ validTo: new Date('2026-09-30T02:00:00Z') })],
      ['revoked', delegation({ revokedAt: new Date('2026-09-29T00:00:00Z') })],
      ['for another item', delegation({ itemCodes: ['OTHER-ITEM'] })],
    ])('answers 404 under a delegation %s and writes nothing', async (_label, d) => {
      const a = approvalCase();
      const { cases, outbox, useCase } = setup(a, null, [d]);
      await expect(useCase.execute(delegate, cmd())).rejects.toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
      expect(cases.appendAudit).not.toHaveBeenCalled();
      expect(outbox.add).not.toHaveBeenCalled();
    });

    it('leaves the own department’s approver without a delegation read or id', async () => {
      const a = approvalCase();
      const { cases, delegations, useCase } = setup(a, null, [delegation()]);
      await useCase.execute(approver(), cmd());
      expect(delegations.toDept).not.toHaveBeenCalled();
      expect(cases.appendAudit).toHaveBeenCalledWith(em, a, expect.objectContaining({ delegationId: null }));
    });
  });
});
