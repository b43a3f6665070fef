import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ItemAdminView } from '../../dto/item.response.dto';
import { ITEM_STATUS } from '../../entities/service-item.entity';
import { assertItemConsistent, elementsOf } from '../../item-rules';
import { ServiceItemRepository } from '../../repositories/service-item.repository';

export interface CreateItemVersionCommand {
  user: Principal;
  itemCode: string;
}

/**
 * A new draft version copied from the published one (at most one draft per item). The published version
 * stays in force until the draft is published.
 */
@Injectable()
export class CreateItemVersionUseCase {
  constructor(private readonly items: ServiceItemRepository) {}

  async execute({ user, itemCode }: CreateItemVersionCommand): Promise<ItemAdminView> {
    return this.items.inTransaction(undefined, async (em) => {
      const versions = await this.items.lockVersions(em, itemCode);
      if (versions.length === 0) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemCode });
      const draft = versions.find((v) => v.status === ITEM_STATUS.DRAFT);
      if (draft) {
        throw new DomainError('INVALID_STATE', '该事项已有待提交的草稿 / The item already has a draft', {
          itemCode,
          draftId: draft.id,
          draftVersion: draft.itemVersion,
        });
      }
      const published = versions.find((v) => v.status === ITEM_STATUS.PUBLISHED);
      if (!published) {
        throw new DomainError('INVALID_STATE', '该事项没有已发布的版本 / The item has no published version', {
          itemCode,
        });
      }
      const elements = elementsOf(published);
      assertItemConsistent(elements);
      const item = await this.items.insert(em, {
        ...elements,
        taskCode: itemCode,
        itemVersion: Math.max(...versions.map((v) => v.itemVersion)) + 1,
        status: ITEM_STATUS.DRAFT,
      });
      await this.items.audit(em, {
        item,
        action: 'NEW_VERSION',
        user,
        at: new Date(),
        detail: { fromItemId: published.id, fromVersion: published.itemVersion },
      });
      return ItemAdminView.fromAdmin(item);
    });
  }
}
