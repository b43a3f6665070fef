import type { EntityManager } from 'typeorm';
import { admin, approver, DEPT, deptHead, OTHER_DEPT } from '../../../approvals/testing/approval.fixtures';
import type { ChiefAuthorisationRepository } from '../../chief-authorisation.repository';
import { GrantChiefAuthorisationUseCase } from './grant-chief-authorisation.use-case';

describe('GrantChiefAuthorisationUseCase', () => {
  const setup = () => {
    const em = {} as EntityManager;
    const repo = {
      transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
      insert: jest.fn((_em: EntityManager, v: object) =>
        Promise.resolve({ id: '00000000-0000-4000-8000-0000000000c1', ...v }),
      ),
    };
    const useCase = new GrantChiefAuthorisationUseCase(repo as unknown as ChiefAuthorisationRepository, {
      now: () => new Date('2026-11-25T02:00:00Z'),
    });
    return { repo, useCase };
  };
  const grant = {
    deptCode: DEPT,
    itemCodes: ['ITEM-1', 'ITEM-1'],
    validFrom: '2026-11-01T00:00:00Z',
    validTo: '2026-12-01T00:00:00Z',
  };

  it('grants with the admin as grantor, deduplicated scope, and reports the state now', async () => {
    const { repo, useCase } = setup();
    const v = await useCase.execute(admin(), grant);
    expect(repo.insert).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ itemCodes: ['ITEM-1'], taskTypes: [], grantedBy: 'admin', revokedAt: null }),
    );
    expect(v).toMatchObject({ state: 'VALID', deptCode: DEPT });
  });

  it('refuses an empty scope or an empty period with 400 and writes nothing', async () => {
    const { repo, useCase } = setup();
    for (const bad of [
      { ...grant, itemCodes: [], taskTypes: [] },
      { ...grant, validTo: grant.validFrom },
      { ...grant, validTo: '2026-10-01T00:00:00Z' },
    ]) {
      await expect(useCase.execute(admin(), bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(repo.insert).not.toHaveBeenCalled();
  });

  it('lets the head of the department grant (recorded as grantor); another head or role gets 403', async () => {
    const { repo, useCase } = setup();
    expect(await useCase.execute(deptHead(DEPT), grant)).toMatchObject({ grantedBy: deptHead(DEPT).sub });
    repo.insert.mockClear();
    for (const user of [deptHead(OTHER_DEPT), approver('approver-1', DEPT)]) {
      await expect(useCase.execute(user, grant)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(repo.insert).not.toHaveBeenCalled();
  });
});
