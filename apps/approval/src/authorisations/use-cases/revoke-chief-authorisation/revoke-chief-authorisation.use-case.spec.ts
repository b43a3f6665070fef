import type { EntityManager } from 'typeorm';
import { admin, DEPT, deptHead, OTHER_DEPT } from '../../../approvals/testing/approval.fixtures';
import { ChiefAuthorisationEntity } from '../../chief-authorisation.entity';
import type { ChiefAuthorisationRepository } from '../../chief-authorisation.repository';
import { RevokeChiefAuthorisationUseCase } from './revoke-chief-authorisation.use-case';

describe('RevokeChiefAuthorisationUseCase', () => {
  const ID = '00000000-0000-4000-8000-0000000000c1';
  const setup = (found: ChiefAuthorisationEntity | null) => {
    const em = {} as EntityManager;
    const repo = {
      transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
      findForUpdate: jest.fn().mockResolvedValue(found),
      save: jest.fn().mockResolvedValue(undefined),
    };
    const useCase = new RevokeChiefAuthorisationUseCase(repo as unknown as ChiefAuthorisationRepository, {
      now: () => new Date('2026-11-25T02:00:00Z'),
    });
    return { repo, useCase };
  };
  const authorisation = (over: Partial<ChiefAuthorisationEntity> = {}) =>
    Object.assign(new ChiefAuthorisationEntity(), {
      id: ID,
      deptCode: DEPT,
      itemCodes: ['ITEM-1'],
      taskTypes: [],
      validFrom: new Date('2026-11-01T00:00:00Z'),
      validTo: new Date('2026-12-01T00:00:00Z'),
      grantedBy: 'admin',
      grantedAt: new Date('2026-11-01T00:00:00Z'),
      revokedAt: null,
      revokedBy: null,
      ...over,
    });

  it('revokes now, by the admin', async () => {
    const a = authorisation();
    const { repo, useCase } = setup(a);
    expect(await useCase.execute(admin(), ID)).toMatchObject({ state: 'REVOKED', revokedBy: 'admin' });
    expect(repo.save).toHaveBeenCalledWith(expect.anything(), a);
  });

  it('answers 404 for an unknown id and 409 for a revoked one, changing nothing', async () => {
    const unknown = setup(null);
    await expect(unknown.useCase.execute(admin(), ID)).rejects.toMatchObject({
      code: 'AUTHORISATION_NOT_FOUND',
    });
    const revoked = setup(authorisation({ revokedAt: new Date('2026-11-20T00:00:00Z'), revokedBy: 'admin' }));
    await expect(revoked.useCase.execute(admin(), ID)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(revoked.repo.save).not.toHaveBeenCalled();
  });

  it('lets the head of the department revoke; a head of another department gets 403 and nothing changes', async () => {
    const refused = setup(authorisation());
    await expect(refused.useCase.execute(deptHead(OTHER_DEPT), ID)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(refused.repo.save).not.toHaveBeenCalled();
    const own = setup(authorisation());
    expect(await own.useCase.execute(deptHead(DEPT), ID)).toMatchObject({
      state: 'REVOKED',
      revokedBy: deptHead(DEPT).sub,
    });
  });
});
