import { TOPICS } from '@app/shared/contracts';
import type { ChiefAuthorisationRepository } from '../../../authorisations/chief-authorisation.repository';
import { ApprovalsPolicy } from '../../approvals.policy';
import type { ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { approvalCase, approver, DEPT, OTHER_DEPT } from '../../testing/approval.fixtures';
import { delegation } from '../../testing/delegation.fixtures';
import { commandHarness } from '../../testing/use-case.harness';
import { CloseApprovalUseCase } from '../close-approval/close-approval.use-case';
import { ChiefDecisionUseCase } from './chief-decision.use-case';

const GRANT = '00000000-0000-4000-8000-0000000000c1';
const chief = (dept = DEPT) => ({
  sub: 'chief-1',
  name: '首席代表',
  roles: ['chief' as const],
  dept,
  token: 't',
});

describe('ChiefDecisionUseCase', () => {
  const setup = (a: ApprovalCaseEntity | null, grant: { id: string } | null = { id: GRANT }) => {
    const h = commandHarness(a);
    const authorisations = { validFor: jest.fn().mockResolvedValue(grant) };
    const useCase = new ChiefDecisionUseCase(
      h.repo,
      authorisations as unknown as ChiefAuthorisationRepository,
      new ApprovalsPolicy(),
      h.box,
      h.relayRef,
      new CloseApprovalUseCase(h.repo, h.box),
      h.queriesRef,
      h.clockAt('2026-11-25T02:00:00Z'),
      h.delegationsRef,
    );
    return { ...h, authorisations, useCase };
  };
  const cmd = { caseNo: '33010620261124000001', decision: 'approve' as const, opinion: '首席代表：准予许可' };

  it('decides every remaining step under the authorisation, announces each and approves', async () => {
    const a = approvalCase({ currentStep: 2 });
    const { cases, outbox, authorisations, relay, useCase } = setup(a);
    await useCase.execute(chief(), cmd);
    expect(authorisations.validFor).toHaveBeenCalledWith(
      expect.anything(),
      a,
      new Date('2026-11-25T02:00:00Z'),
      'chief-1',
    );
    expect(a.status).toBe('APPROVED');
    expect(cases.appendAudit.mock.calls.map((c) => [c[2].action, c[2].stepNo, c[2].authorisationId])).toEqual(
      [
        ['STEP_APPROVED', 2, GRANT],
        ['STEP_APPROVED', 3, GRANT],
        ['APPROVED', null, GRANT],
      ],
    );
    expect(outbox.add.mock.calls.map((c) => [c[1], (c[3] as { stepNo?: number }).stepNo])).toEqual([
      [TOPICS.APPROVAL_STEP_COMPLETED, 2],
      [TOPICS.APPROVAL_STEP_COMPLETED, 3],
      [TOPICS.APPROVAL_CASE_APPROVED, undefined],
    ]);
    expect(relay.poke).toHaveBeenCalled();
  });

  it('denies with 不同意 on every remaining step; separation of duties does not apply', async () => {
    const a = approvalCase();
    const { cases, outbox, useCase } = setup(a);
    await useCase.execute(chief(), { ...cmd, decision: 'deny' });
    expect(a.status).toBe('DENIED');
    expect(cases.auditOf).not.toHaveBeenCalled();
    expect(outbox.add.mock.calls.map((c) => (c[3] as { result?: string }).result ?? c[1])).toEqual([
      '0',
      '0',
      '0',
      TOPICS.APPROVAL_CASE_DENIED,
    ]);
  });

  it('refuses without a valid authorisation (403 CHIEF_NOT_AUTHORISED) and writes nothing', async () => {
    const { cases, outbox, useCase } = setup(approvalCase(), null);
    await expect(useCase.execute(chief(), cmd)).rejects.toMatchObject({
      code: 'CHIEF_NOT_AUTHORISED',
      status: 403,
    });
    expect(cases.appendAudit).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('refuses other departments (404), approvers (403), suspended (409) and closed cases (409)', async () => {
    await expect(setup(approvalCase()).useCase.execute(chief(OTHER_DEPT), cmd)).rejects.toMatchObject({
      code: 'APPROVAL_NOT_FOUND',
    });
    await expect(setup(approvalCase()).useCase.execute(approver(), cmd)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      setup(approvalCase({ status: 'SUSPENDED' })).useCase.execute(chief(), cmd),
    ).rejects.toMatchObject({
      code: 'CASE_SUSPENDED',
    });
    await expect(
      setup(approvalCase({ status: 'DENIED' })).useCase.execute(chief(), cmd),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('lets a delegate chief decide under their own department’s authorisation, naming both', async () => {
    const a = approvalCase({ currentStep: 2 });
    const d = delegation();
    const h = setup(a);
    h.delegations.toDept.mockResolvedValue([d]);
    await h.useCase.execute(chief(OTHER_DEPT), cmd);
    expect(h.authorisations.validFor).toHaveBeenCalledWith(
      expect.anything(),
      { deptCode: OTHER_DEPT, itemCode: a.itemCode, taskType: a.taskType },
      expect.any(Date),
      'chief-1',
    );
    expect(h.cases.appendAudit).toHaveBeenCalledWith(
      expect.anything(),
      a,
      expect.objectContaining({ action: 'STEP_APPROVED', authorisationId: GRANT, delegationId: d.id }),
    );
  });

  it('answers 404 to a chief of another department under a revoked delegation', async () => {
    const h = setup(approvalCase());
    h.delegations.toDept.mockResolvedValue([delegation({ revokedAt: new Date('2026-11-20T00:00:00Z') })]);
    await expect(h.useCase.execute(chief(OTHER_DEPT), cmd)).rejects.toMatchObject({
      code: 'APPROVAL_NOT_FOUND',
    });
    expect(h.cases.appendAudit).not.toHaveBeenCalled();
  });
});
