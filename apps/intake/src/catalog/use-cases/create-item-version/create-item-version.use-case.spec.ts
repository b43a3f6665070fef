import { admin, aVersion, codeOf, FakeItemRepository, rulesOf, TASK_CODE } from '../../testing/item.fixture';
import { CreateItemVersionUseCase } from './create-item-version.use-case';

describe('CreateItemVersionUseCase', () => {
  it('copies the published version into a new draft with the next version number', async () => {
    const repo = new FakeItemRepository([
      aVersion({ status: '4' }),
      aVersion({ itemVersion: 2, status: '2', name: '第二版' }),
    ]);
    const view = await new CreateItemVersionUseCase(repo.asRepository()).execute({
      user: admin(),
      itemCode: TASK_CODE,
    });
    expect(view).toMatchObject({ version: 3, status: '0', name: '第二版', id: 'item-v3' });
    expect(repo.stored.map((v) => `${v.itemVersion}:${v.status}`)).toEqual(['1:4', '2:2', '3:0']);
    expect(repo.audits[0]).toMatchObject({
      action: 'NEW_VERSION',
      detail: { fromItemId: 'item-v2', fromVersion: 2 },
    });
  });

  it('refuses a second draft (409), an unknown item (404), an item without a published version (409)', async () => {
    const withDraft = new FakeItemRepository([aVersion(), aVersion({ itemVersion: 2, status: '0' })]);
    expect(
      await codeOf(
        new CreateItemVersionUseCase(withDraft.asRepository()).execute({
          user: admin(),
          itemCode: TASK_CODE,
        }),
      ),
    ).toBe('INVALID_STATE');
    const none = new FakeItemRepository();
    expect(
      await codeOf(
        new CreateItemVersionUseCase(none.asRepository()).execute({ user: admin(), itemCode: TASK_CODE }),
      ),
    ).toBe('ITEM_NOT_FOUND');
    const replaced = new FakeItemRepository([aVersion({ status: '4' })]);
    expect(
      await codeOf(
        new CreateItemVersionUseCase(replaced.asRepository()).execute({ user: admin(), itemCode: TASK_CODE }),
      ),
    ).toBe('INVALID_STATE');
    expect([withDraft.audits, none.audits, replaced.audits].map((a) => a.length)).toEqual([0, 0, 0]);
  });

  it('checks the copy against the rules as well', async () => {
    const repo = new FakeItemRepository([aVersion({ legalBasis: null })]);
    expect(
      await rulesOf(
        new CreateItemVersionUseCase(repo.asRepository()).execute({ user: admin(), itemCode: TASK_CODE }),
      ),
    ).toEqual(['LEGAL_BASIS_REQUIRED']);
    expect(repo.stored).toHaveLength(1);
  });
});
