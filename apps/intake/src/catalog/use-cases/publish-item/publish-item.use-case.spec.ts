import { admin, aVersion, codeOf, FakeItemRepository, rulesOf, TASK_CODE } from '../../testing/item.fixture';
import { PublishItemUseCase } from './publish-item.use-case';

describe('PublishItemUseCase', () => {
  it('publishes the draft and keeps the previous version as 已替代 (4), the old one saved first', async () => {
    const repo = new FakeItemRepository([
      aVersion(),
      aVersion({ itemVersion: 2, status: '0', publishedAt: null }),
    ]);
    const view = await new PublishItemUseCase(repo.asRepository()).execute({
      user: admin(),
      itemCode: TASK_CODE,
    });
    expect(view).toMatchObject({
      version: 2,
      status: '2',
      statusName: '已发布',
      publishedAt: expect.any(String),
    });
    expect(repo.stored.map((v) => `${v.itemVersion}:${v.status}`)).toEqual(['1:4', '2:2']);
    expect(repo.saved.map((v) => `${v.itemVersion}:${v.status}`)).toEqual(['1:4', '2:2']);
    expect(repo.actions()).toEqual(['SUPERSEDE v1', 'PUBLISH v2']);
    expect(repo.audits[1].detail).toEqual({ supersededItemId: 'item-v1', supersededVersion: 1 });
  });

  it('publishes a first version without anything to replace', async () => {
    const repo = new FakeItemRepository([aVersion({ status: '0', publishedAt: null })]);
    await new PublishItemUseCase(repo.asRepository()).execute({ user: admin(), itemCode: TASK_CODE });
    expect(repo.actions()).toEqual(['PUBLISH v1']);
  });

  it('needs a draft (409) of a known item (404), consistent at the time of publication', async () => {
    const published = new FakeItemRepository([aVersion()]);
    const useCase = new PublishItemUseCase(published.asRepository());
    expect(await codeOf(useCase.execute({ user: admin(), itemCode: TASK_CODE }))).toBe('INVALID_STATE');
    expect(await codeOf(useCase.execute({ user: admin(), itemCode: 'NOPE' }))).toBe('ITEM_NOT_FOUND');
    const stale = new FakeItemRepository([
      aVersion(),
      aVersion({ itemVersion: 2, status: '0', onlineDepth: '4', visitCount: 1 }),
    ]);
    expect(
      await rulesOf(
        new PublishItemUseCase(stale.asRepository()).execute({ user: admin(), itemCode: TASK_CODE }),
      ),
    ).toEqual(['FULL_ONLINE_NO_VISIT', 'VISIT_REASON_REQUIRED']);
    expect(stale.stored.map((v) => v.status)).toEqual(['2', '0']);
    expect([published.saved.length, stale.saved.length, stale.audits.length]).toEqual([0, 0, 0]);
  });
});
