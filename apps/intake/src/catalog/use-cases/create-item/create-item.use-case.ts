import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { CreateItemDto, ItemElementsDto } from '../../dto/item.request.dto';
import { ItemAdminView } from '../../dto/item.response.dto';
import { ITEM_STATUS } from '../../entities/service-item.entity';
import { assertItemConsistent } from '../../item-rules';
import { ServiceItemRepository } from '../../repositories/service-item.repository';

export interface CreateItemCommand {
  user: Principal;
  dto: CreateItemDto;
}

/** A new item: version 1 as a draft (待提交), once its elements pass the consistency rules. */
@Injectable()
export class CreateItemUseCase {
  constructor(private readonly items: ServiceItemRepository) {}

  async execute({ user, dto }: CreateItemCommand): Promise<ItemAdminView> {
    const elements = ItemElementsDto.toElements(dto);
    assertItemConsistent(elements);
    return this.items.inTransaction(undefined, async (em) => {
      const versions = await this.items.lockVersions(em, dto.taskCode);
      if (versions.length > 0) {
        throw new DomainError(
          'INVALID_STATE',
          '该实施编码的事项已存在，请创建新版本 / The item exists: create a new version instead',
          { itemCode: dto.taskCode },
        );
      }
      const item = await this.items.insert(em, {
        ...elements,
        taskCode: dto.taskCode,
        itemVersion: 1,
        status: ITEM_STATUS.DRAFT,
      });
      await this.items.audit(em, { item, action: 'CREATE', user, at: new Date(), detail: { elements } });
      return ItemAdminView.fromAdmin(item);
    });
  }
}
