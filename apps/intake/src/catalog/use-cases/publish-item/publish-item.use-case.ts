import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ItemAdminView } from '../../dto/item.response.dto';
import { ITEM_STATUS } from '../../entities/service-item.entity';
import { assertItemConsistent, elementsOf } from '../../item-rules';
import { ServiceItemRepository } from '../../repositories/service-item.repository';

export interface PublishItemCommand {
  user: Principal;
  itemCode: string;
}

/**
 * Publishes the item's draft (已发布) after checking the rules once more. The version published so far
 * becomes 已替代 (4): it is no longer listed, but stays readable by id for the cases filed under it.
 */
@Injectable()
export class PublishItemUseCase {
  constructor(private readonly items: ServiceItemRepository) {}

  async execute({ user, itemCode }: PublishItemCommand): Promise<ItemAdminView> {
    return this.items.inTransaction(undefined, async (em) => {
      const versions = await this.items.lockVersions(em, itemCode);
      if (versions.length === 0) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemCode });
      const draft = versions.find((v) => v.status === ITEM_STATUS.DRAFT);
      if (!draft) {
        throw new DomainError('INVALID_STATE', '该事项没有待发布的草稿 / The item has no draft to publish', {
          itemCode,
        });
      }
      assertItemConsistent(elementsOf(draft));
      const at = new Date();
      const previous = versions.find((v) => v.status === ITEM_STATUS.PUBLISHED);
      if (previous) {
        // Before the draft: at most one published version per task code (partial unique index).
        previous.status = ITEM_STATUS.SUPERSEDED;
        await this.items.save(em, previous);
        await this.items.audit(em, {
          item: previous,
          action: 'SUPERSEDE',
          user,
          at,
          detail: { byItemId: draft.id, byVersion: draft.itemVersion },
        });
      }
      draft.status = ITEM_STATUS.PUBLISHED;
      draft.publishedAt = at;
      const saved = await this.items.save(em, draft);
      await this.items.audit(em, {
        item: saved,
        action: 'PUBLISH',
        user,
        at,
        detail: previous ? { supersededItemId: previous.id, supersededVersion: previous.itemVersion } : {},
      });
      return ItemAdminView.fromAdmin(saved);
    });
  }
}
