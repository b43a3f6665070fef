import type { EntityManager } from 'typeorm';
import { admin, DEPT, deptHead, OTHER_DEPT } from '../../../approvals/testing/approval.fixtures';
import type { DelegationRepository } from '../../delegation.repository';
import { GrantDelegationUseCase } from './grant-delegation.use-case';

describe('GrantDelegationUseCase', () => {
  const setup = () => {
    const em = {} as EntityManager;
    const repo = {
      transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
      insert: jest.fn((_em: EntityManager, v: object) =>
        Promise.resolve({ id: '00000000-0000-4000-8000-0000000000e1', ...v }),
      ),
    };
    const useCase = new GrantDelegationUseCase(repo as unknown as DelegationRepository, {
      now: () => new Date('2026-11-25T02:00:00Z'),
    });
    return { repo, useCase };
  };
  const grant = {
    fromDept: DEPT,
    toDept: OTHER_DEPT,
    itemCodes: ['ITEM-1', 'ITEM-1'],
    validFrom: '2026-11-01T00:00:00Z',
    validTo: '2026-12-01T00:00:00Z',
  };

  it('grants with the admin as grantor, deduplicated items, and reports the state now', async () => {
    const { repo, useCase } = setup();
    const v = await useCase.execute(admin(), grant);
    expect(repo.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ itemCodes: ['ITEM-1'], grantedBy: 'admin', revokedAt: null }),
    );
    expect(v).toMatchObject({ state: 'VALID', fromDept: DEPT, toDept: OTHER_DEPT });
    const pending = await useCase.execute(admin(), { ...grant, validFrom: '2026-11-26T00:00:00Z' });
    expect(pending.state).toBe('PENDING');
  });

  it('refuses invalid departments, the same department, no items or an empty period; writes nothing', async () => {
    const { repo, useCase } = setup();
    for (const bad of [
      { ...grant, fromDept: '113301000024901621' },
      { ...grant, toDept: '123456789012345678' },
      { ...grant, toDept: DEPT },
      { ...grant, itemCodes: [] },
      { ...grant, validTo: grant.validFrom },
      { ...grant, validTo: '2026-10-01T00:00:00Z' },
    ]) {
      await expect(useCase.execute(admin(), bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(repo.insert).not.toHaveBeenCalled();
  });

  it('lets the head of fromDept delegate; the head of any other department (toDept too) gets 403', async () => {
    const { repo, useCase } = setup();
    expect(await useCase.execute(deptHead(DEPT), grant)).toMatchObject({ grantedBy: deptHead(DEPT).sub });
    repo.insert.mockClear();
    await expect(useCase.execute(deptHead(OTHER_DEPT), grant)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(repo.insert).not.toHaveBeenCalled();
  });
});
