import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ItemElementsDto } from '../../dto/item.request.dto';
import { ItemAdminView } from '../../dto/item.response.dto';
import { ITEM_STATUS } from '../../entities/service-item.entity';
import { assertItemConsistent, changedElements, elementsOf } from '../../item-rules';
import { ServiceItemRepository } from '../../repositories/service-item.repository';

export interface UpdateItemCommand {
  user: Principal;
  itemCode: string;
  dto: ItemElementsDto;
}

/** Replaces the elements of the item's draft; a published or replaced version is never edited. */
@Injectable()
export class UpdateItemUseCase {
  constructor(private readonly items: ServiceItemRepository) {}

  async execute({ user, itemCode, dto }: UpdateItemCommand): Promise<ItemAdminView> {
    const elements = ItemElementsDto.toElements(dto);
    assertItemConsistent(elements);
    return this.items.inTransaction(undefined, async (em) => {
      const versions = await this.items.lockVersions(em, itemCode);
      if (versions.length === 0) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemCode });
      const draft = versions.find((v) => v.status === ITEM_STATUS.DRAFT);
      if (!draft) {
        throw new DomainError(
          'INVALID_STATE',
          '只能修改待提交的草稿版本，请先创建新版本 / Only a draft can be edited: create a new version first',
          { itemCode },
        );
      }
      const changes = changedElements(elementsOf(draft), elements);
      Object.assign(draft, elements);
      const saved = await this.items.save(em, draft);
      await this.items.audit(em, {
        item: saved,
        action: 'UPDATE',
        user,
        at: new Date(),
        detail: { changes },
      });
      return ItemAdminView.fromAdmin(saved);
    });
  }
}
