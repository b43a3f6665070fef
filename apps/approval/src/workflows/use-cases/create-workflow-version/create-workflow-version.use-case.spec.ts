import type { EntityManager } from 'typeorm';
import { admin } from '../../../approvals/testing/approval.fixtures';
import type { WorkflowDefinitionRepository } from '../../workflow-definition.repository';
import { CreateWorkflowVersionUseCase } from './create-workflow-version.use-case';

describe('CreateWorkflowVersionUseCase', () => {
  const setup = () => {
    const em = {} as EntityManager;
    const workflows = {
      transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
      insertNextVersion: jest.fn((_em: EntityManager, v: object) =>
        Promise.resolve({ id: '00000000-0000-4000-8000-0000000000d2', projectType: null, version: 3, ...v }),
      ),
    };
    const useCase = new CreateWorkflowVersionUseCase(workflows as unknown as WorkflowDefinitionRepository, {
      now: () => new Date('2026-11-25T02:00:00Z'),
    });
    return { workflows, useCase };
  };

  it('publishes the next version with the standard step names and the admin as author', async () => {
    const { workflows, useCase } = setup();
    const v = await useCase.execute(admin(), {
      itemCode: 'ITEM-1',
      steps: [
        { code: '1', role: 'approver', limitDays: 3 },
        { code: '3', role: 'chief', limitDays: 0 },
      ],
    });
    expect(workflows.insertNextVersion).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ itemCode: 'ITEM-1', createdBy: 'admin' }),
    );
    expect(v).toMatchObject({
      itemCode: 'ITEM-1',
      version: 3,
      steps: [
        { stepNo: 1, code: '1', name: '承办', role: 'approver', limitDays: 3 },
        { stepNo: 2, code: '3', name: '批准', role: 'chief', limitDays: 0 },
      ],
    });
    expect((await useCase.execute(admin(), { itemCode: 'ITEM-0', steps: [] })).steps).toEqual([]);
  });

  it('refuses an invalid definition with 400 and writes nothing', async () => {
    const { workflows, useCase } = setup();
    await expect(
      useCase.execute(admin(), {
        itemCode: 'ITEM-1',
        steps: [
          { code: '2', role: 'approver', limitDays: 1 },
          { code: '1', role: 'approver', limitDays: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(workflows.insertNextVersion).not.toHaveBeenCalled();
  });
});
