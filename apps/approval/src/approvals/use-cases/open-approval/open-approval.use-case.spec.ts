import type { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import type { OutboxService } from '@app/shared/kafka';
import type { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { acceptedEvent, approvalCase } from '../../testing/approval.fixtures';
import { IMMEDIATE_OPINION } from '../../workflow';
import { CloseApprovalUseCase } from '../close-approval/close-approval.use-case';
import { OpenApprovalUseCase } from './open-approval.use-case';

describe('OpenApprovalUseCase', () => {
  const em = {} as EntityManager;
  const setup = (inserted = approvalCase()) => {
    const cases = {
      insertIfAbsent: jest.fn().mockResolvedValue(inserted),
      appendAudit: jest.fn().mockResolvedValue(undefined),
      save: jest.fn().mockResolvedValue(undefined),
    };
    const outbox = { add: jest.fn().mockResolvedValue(undefined) };
    const repo = cases as unknown as ApprovalCaseRepository;
    const box = outbox as unknown as OutboxService;
    const useCase = new OpenApprovalUseCase(repo, box, new CloseApprovalUseCase(repo, box));
    return { cases, outbox, useCase };
  };

  it('opens a 承诺件 at step 1 of 承办 → 审核 → 批准, audits and announces it in the same transaction', async () => {
    const { cases, outbox, useCase } = setup();
    const a = await useCase.execute(em, acceptedEvent('2'));
    expect(a?.caseNo).toBe('33010620261124000001');
    expect(cases.insertIfAbsent).toHaveBeenCalledWith(
      em,
      expect.objectContaining({ currentStep: 1, status: 'OPEN', dueDate: '2026-12-01', projectType: '2' }),
    );
    expect(cases.appendAudit).toHaveBeenCalledWith(em, a, expect.objectContaining({ action: 'OPENED' }));
    expect(outbox.add).toHaveBeenCalledTimes(1);
    expect(outbox.add).toHaveBeenCalledWith(
      em,
      TOPICS.APPROVAL_CASE_OPENED,
      a?.caseNo,
      expect.objectContaining({ steps: ['承办', '审核', '批准'], approvalId: a?.id }),
    );
  });

  it('writes nothing more when the case number was already opened (another event id)', async () => {
    const { cases, outbox, useCase } = setup();
    cases.insertIfAbsent.mockResolvedValue(null);
    expect(await useCase.execute(em, acceptedEvent('2'))).toBeNull();
    expect(cases.appendAudit).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('approves a 即办件 at once as the system', async () => {
    const { cases, outbox, useCase } = setup(approvalCase({ projectType: '1' }));
    const a = await useCase.execute(em, acceptedEvent('1'));
    expect(a?.status).toBe('APPROVED');
    expect(cases.appendAudit.mock.calls.map((c) => (c[2] as { action: string }).action)).toEqual([
      'OPENED',
      'APPROVED',
    ]);
    expect(outbox.add.mock.calls.map((c) => c[1])).toEqual([
      TOPICS.APPROVAL_CASE_OPENED,
      TOPICS.APPROVAL_CASE_APPROVED,
    ]);
    expect(outbox.add.mock.calls[1][3]).toMatchObject({ opinion: IMMEDIATE_OPINION });
  });
});
