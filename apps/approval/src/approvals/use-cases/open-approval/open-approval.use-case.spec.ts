import type { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import type { OutboxService } from '@app/shared/kafka';
import { testWorkCalendar } from '@app/shared/testing';
import type { WorkflowDefinitionRepository } from '../../../workflows/workflow-definition.repository';
import { WorkflowDefinitionEntity } from '../../../workflows/workflow-definition.entity';
import type { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { acceptedEvent, approvalCase } from '../../testing/approval.fixtures';
import { IMMEDIATE_OPINION } from '../../workflow';
import { CloseApprovalUseCase } from '../close-approval/close-approval.use-case';
import { OpenApprovalUseCase } from './open-approval.use-case';

describe('OpenApprovalUseCase', () => {
  const em = {} as EntityManager;
  const definition = (
    steps: WorkflowDefinitionEntity['steps'],
    over: Partial<WorkflowDefinitionEntity> = {},
  ) =>
    Object.assign(new WorkflowDefinitionEntity(), {
      id: '00000000-0000-4000-8000-0000000000d1',
      itemCode: null,
      projectType: '2',
      version: 1,
      steps,
      createdBy: 'system',
      createdAt: new Date(),
      ...over,
    });
  const PROMISE = definition([
    { code: '1', name: '承办', role: 'approver', limitDays: 2 },
    { code: '2', name: '审核', role: 'approver', limitDays: 2 },
    { code: '3', name: '批准', role: 'approver', limitDays: 1 },
  ]);
  const IMMEDIATE = definition([], { projectType: '1' });
  const setup = (inserted = approvalCase(), def: WorkflowDefinitionEntity | null = PROMISE) => {
    const workflows = { resolve: jest.fn().mockResolvedValue(def) };
    const cases = {
      lockCaseNo: jest.fn().mockResolvedValue(undefined),
      beforeOpening: jest.fn().mockResolvedValue({ withdrawn: false, owedSupplies: new Map() }),
      insertIfAbsent: jest.fn().mockResolvedValue(inserted),
      appendAudit: jest.fn().mockResolvedValue(undefined),
      save: jest.fn().mockResolvedValue(undefined),
    };
    const outbox = { add: jest.fn().mockResolvedValue(undefined) };
    const repo = cases as unknown as ApprovalCaseRepository;
    const box = outbox as unknown as OutboxService;
    const useCase = new OpenApprovalUseCase(
      repo,
      workflows as unknown as WorkflowDefinitionRepository,
      box,
      new CloseApprovalUseCase(repo, box),
      testWorkCalendar(),
      { now: () => new Date('2026-09-29T02:00:00Z') },
    );
    return { cases, outbox, useCase, workflows };
  };

  it('opens a 承诺件 at step 1 of 承办 → 审核 → 批准, audits and announces it in the same transaction', async () => {
    const { cases, outbox, useCase } = setup();
    const a = await useCase.execute(em, acceptedEvent('2'));
    expect(a?.caseNo).toBe('33010620261124000001');
    expect(cases.insertIfAbsent).toHaveBeenCalledWith(
      em,
      expect.objectContaining({
        currentStep: 1,
        status: 'OPEN',
        dueDate: '2026-12-01',
        promiseUnit: '1',
        projectType: '2',
      }),
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

  it('keeps the case’s promise unit (自然日) for the clock of its 特别程序', async () => {
    const { cases, useCase } = setup();
    await useCase.execute(em, { ...acceptedEvent('2'), promiseUnit: '2' });
    expect(cases.insertIfAbsent).toHaveBeenCalledWith(em, expect.objectContaining({ promiseUnit: '2' }));
  });

  it('writes nothing more when the case number was already opened (another event id)', async () => {
    const { cases, outbox, useCase } = setup();
    cases.insertIfAbsent.mockResolvedValue(null);
    expect(await useCase.execute(em, acceptedEvent('2'))).toBeNull();
    expect(cases.appendAudit).not.toHaveBeenCalled();
    expect(outbox.add).not.toHaveBeenCalled();
  });

  it('approves a 即办件 at once as the system', async () => {
    const { cases, outbox, useCase } = setup(approvalCase({ projectType: '1', steps: [] }), IMMEDIATE);
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

  it('keeps the workflow version it resolved and starts step 1 with its due date in working days', async () => {
    const own = definition(
      [
        { code: '1', name: '承办', role: 'approver', limitDays: 3 },
        { code: '3', name: '批准', role: 'chief', limitDays: 1 },
      ],
      { itemCode: 'ITEM-1', projectType: null, version: 4 },
    );
    const { cases, useCase, workflows } = setup(approvalCase(), own);
    await useCase.execute(em, acceptedEvent('2'));
    expect(workflows.resolve).toHaveBeenCalledWith(em, acceptedEvent('2').itemCode, '2');
    const values = cases.insertIfAbsent.mock.calls[0][1] as Record<string, unknown>;
    expect(values).toMatchObject({ workflowId: own.id, workflowVersion: 4, taskType: '01' });
    // Opened 2026-09-29 (Tue): 09-30 counts, 10-01…07 are National Day, 10-08 and 10-09 count.
    expect(values.steps).toEqual([
      {
        code: '1',
        name: '承办',
        role: 'approver',
        limitDays: 3,
        startedOn: '2026-09-29',
        dueDate: '2026-10-09',
      },
      { code: '3', name: '批准', role: 'chief', limitDays: 1, startedOn: null, dueDate: null },
    ]);
  });

  it('approves at once any workflow without a manual step, and refuses when no definition exists', async () => {
    const { outbox, useCase } = setup(
      approvalCase({ steps: [] }),
      definition([], { itemCode: 'X', version: 2 }),
    );
    await useCase.execute(em, acceptedEvent('2'));
    expect(outbox.add.mock.calls.map((c) => c[1])).toEqual([
      TOPICS.APPROVAL_CASE_OPENED,
      TOPICS.APPROVAL_CASE_APPROVED,
    ]);
    await expect(setup(approvalCase(), null).useCase.execute(em, acceptedEvent('2'))).rejects.toThrow(
      /no workflow definition/,
    );
  });
});
