import {
  admin,
  aVersion,
  codeOf,
  createDto,
  FakeItemRepository,
  rulesOf,
  TASK_CODE,
} from '../../testing/item.fixture';
import { CreateItemUseCase } from './create-item.use-case';

describe('CreateItemUseCase', () => {
  it('creates version 1 as a draft (0 待提交), audited with its elements', async () => {
    const repo = new FakeItemRepository();
    const view = await new CreateItemUseCase(repo.asRepository()).execute({
      user: admin(),
      dto: createDto(),
    });
    expect(view).toMatchObject({
      taskCode: TASK_CODE,
      status: '0',
      statusName: '待提交',
      version: 1,
      publishedAt: null,
    });
    expect(view.rules).toMatchObject({
      supplementLimit: 1,
      supplementDays: 10,
      deferrableMaterials: ['M02'],
    });
    expect(repo.actions()).toEqual(['CREATE v1']);
    expect(repo.audits[0]).toMatchObject({
      user: { sub: 'admin-1' },
      detail: { elements: { name: '测试许可' } },
    });
  });

  it('refuses an inconsistent item listing every problem, and writes nothing', async () => {
    const repo = new FakeItemRepository();
    const useCase = new CreateItemUseCase(repo.asRepository());
    const dto = createDto({ visitCount: 1, projectType: '1' });
    expect(await rulesOf(useCase.execute({ user: admin(), dto }))).toEqual([
      'FULL_ONLINE_NO_VISIT',
      'VISIT_REASON_REQUIRED',
      'IMMEDIATE_MEANS_ZERO_PROMISE',
    ]);
    expect([repo.stored.length, repo.audits.length]).toEqual([0, 0]);
  });

  it('refuses a task code that exists (INVALID_STATE: create a new version instead)', async () => {
    const repo = new FakeItemRepository([aVersion()]);
    const useCase = new CreateItemUseCase(repo.asRepository());
    expect(await codeOf(useCase.execute({ user: admin(), dto: createDto() }))).toBe('INVALID_STATE');
    expect([repo.stored.length, repo.audits.length]).toEqual([1, 0]);
  });
});
