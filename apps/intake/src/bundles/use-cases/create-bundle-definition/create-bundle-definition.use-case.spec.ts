import { EntityManager } from 'typeorm';
import { DomainError } from '@app/shared/errors';
import type { BundleCatalog } from '../../bundle-catalog';
import { CreateBundleDefinitionDto } from '../../dto/bundle-definition.request.dto';
import { BundleDefinitionEntity } from '../../entities/bundle-definition.entity';
import type { BundleDefinitionRepository } from '../../repositories/bundle-definition.repository';
import { ENTERPRISE_OPENING, SEAL_CODE } from '../../seed-bundles';
import { EM, seededItems } from '../../testing/bundle.fixture';
import { UpdateBundleDefinitionUseCase } from '../update-bundle-definition/update-bundle-definition.use-case';
import { CreateBundleDefinitionUseCase } from './create-bundle-definition.use-case';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

/** Bundle definitions in memory. */
class FakeDefinitions {
  readonly rows = new Map<string, BundleDefinitionEntity>();
  writes = 0;
  inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work(EM);
  }
  findByCode(code: string) {
    return Promise.resolve(this.rows.get(code) ?? null);
  }
  lockByCode(_em: EntityManager, code: string) {
    return this.findByCode(code);
  }
  save(_em: EntityManager, d: BundleDefinitionEntity) {
    this.writes++;
    const saved = Object.assign(d, { updatedAt: new Date(), createdAt: new Date() });
    this.rows.set(d.code, saved);
    return Promise.resolve(saved);
  }
}

const dto = (over: Partial<CreateBundleDefinitionDto> = {}): CreateBundleDefinitionDto => ({
  ...structuredClone(ENTERPRISE_OPENING),
  code: 'QYKB2',
  description: undefined,
  ...over,
});

describe('Create/UpdateBundleDefinitionUseCase', () => {
  const admin = { sub: 'admin-1', roles: ['admin' as const], token: 't' };
  let defs: FakeDefinitions;
  let create: CreateBundleDefinitionUseCase;
  let update: UpdateBundleDefinitionUseCase;

  beforeEach(() => {
    defs = new FakeDefinitions();
    const catalog = { publishedItems: () => Promise.resolve(seededItems()) } as unknown as BundleCatalog;
    const repo = defs as unknown as BundleDefinitionRepository;
    create = new CreateBundleDefinitionUseCase(repo, catalog);
    update = new UpdateBundleDefinitionUseCase(repo, catalog);
  });

  it('creates a valid definition as version 1, then replaces it as version 2', async () => {
    const v1 = await create.execute({ user: admin, dto: dto() });
    expect([v1.code, v1.version, v1.members.length]).toEqual(['QYKB2', 1, 6]);
    const v2 = await update.execute({ user: admin, code: 'QYKB2', dto: dto({ name: '企业开办二' }) });
    expect([v2.version, v2.name]).toEqual([2, '企业开办二']);
    expect(defs.rows.get('QYKB2')?.updatedBy).toBe('admin-1');
  });

  it('refuses an invalid definition (400), an existing code (409) and an unknown one (404), writing nothing', async () => {
    const cyclic = dto();
    cyclic.members[0].dependsOn = [SEAL_CODE];
    expect(await codeOf(create.execute({ user: admin, dto: cyclic }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(update.execute({ user: admin, code: 'NOPE', dto: dto() }))).toBe('NOT_FOUND');
    expect(defs.writes).toBe(0);
    await create.execute({ user: admin, dto: dto() });
    expect(await codeOf(create.execute({ user: admin, dto: dto() }))).toBe('INVALID_STATE');
    expect(await codeOf(update.execute({ user: admin, code: 'QYKB2', dto: cyclic }))).toBe(
      'VALIDATION_FAILED',
    );
    expect([defs.writes, defs.rows.get('QYKB2')?.version]).toEqual([1, 1]);
  });
});
