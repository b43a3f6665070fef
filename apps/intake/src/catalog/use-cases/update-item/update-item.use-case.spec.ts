import { ItemElementsDto } from '../../dto/item.request.dto';
import {
  admin,
  aVersion,
  codeOf,
  createDto,
  FakeItemRepository,
  rulesOf,
  TASK_CODE,
} from '../../testing/item.fixture';
import { UpdateItemUseCase } from './update-item.use-case';

const dto = (over: Partial<ItemElementsDto> = {}): ItemElementsDto => {
  const { taskCode: _omit, ...elements } = createDto(over);
  return Object.assign(new ItemElementsDto(), elements);
};

describe('UpdateItemUseCase', () => {
  it('replaces the elements of the draft and audits what changed', async () => {
    const repo = new FakeItemRepository([
      aVersion(),
      aVersion({ itemVersion: 2, status: '0', publishedAt: null }),
    ]);
    const view = await new UpdateItemUseCase(repo.asRepository()).execute({
      user: admin(),
      itemCode: TASK_CODE,
      dto: dto({ name: '测试许可（新）', supplementLimit: 2 }),
    });
    expect(view).toMatchObject({
      version: 2,
      status: '0',
      name: '测试许可（新）',
      rules: { supplementLimit: 2 },
    });
    expect(repo.stored[0].name).toBe('测试许可'); // the published version is untouched
    expect(repo.actions()).toEqual(['UPDATE v2']);
    expect(repo.audits[0].detail).toEqual({
      changes: {
        name: { from: '测试许可', to: '测试许可（新）' },
        supplementLimit: { from: 1, to: 2 },
      },
    });
  });

  it('edits a draft only: 409 without one, 404 for an unknown item', async () => {
    const repo = new FakeItemRepository([aVersion()]);
    const useCase = new UpdateItemUseCase(repo.asRepository());
    expect(await codeOf(useCase.execute({ user: admin(), itemCode: TASK_CODE, dto: dto() }))).toBe(
      'INVALID_STATE',
    );
    expect(await codeOf(useCase.execute({ user: admin(), itemCode: 'NOPE', dto: dto() }))).toBe(
      'ITEM_NOT_FOUND',
    );
    expect([repo.saved.length, repo.audits.length]).toEqual([0, 0]);
  });

  it('refuses inconsistent elements and leaves the draft as it was', async () => {
    const draft = aVersion({ status: '0', publishedAt: null });
    const repo = new FakeItemRepository([draft]);
    const useCase = new UpdateItemUseCase(repo.asRepository());
    const bad = dto({ promiseLimit: { value: 30, unit: '1' }, licenceTypeCode: 'SHORT' });
    expect(await rulesOf(useCase.execute({ user: admin(), itemCode: TASK_CODE, dto: bad }))).toEqual([
      'PROMISE_WITHIN_LEGAL',
      'LICENCE_TYPE_CODE',
    ]);
    expect([draft.promiseLimit, repo.saved.length, repo.audits.length]).toEqual([5, 0, 0]);
  });
});
