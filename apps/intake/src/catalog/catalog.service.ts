import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Page, paginate } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { ItemView } from './dto/item.response.dto';
import { ListItemsQuery } from './dto/list-items.query.dto';
import { ServiceItemEntity } from './entities/service-item.entity';

@Injectable()
export class CatalogService {
  constructor(@InjectRepository(ServiceItemEntity) private readonly items: Repository<ServiceItemEntity>) {}

  async list(q: ListItemsQuery): Promise<Page<ItemView>> {
    const qb = this.items.createQueryBuilder('i').where(`i.status = '2'`);
    if (q.deptCode) qb.andWhere('i.dept_code = :dept', { dept: q.deptCode });
    if (q.keyword) {
      qb.andWhere(`i.name LIKE :kw ESCAPE '\\'`, {
        kw: `%${q.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return paginate(qb, q, { by: 'i.task_code', direction: 'ASC' }, (it) => ItemView.from(it));
  }

  async getPublished(taskCode: string): Promise<ServiceItemEntity> {
    const it = await this.items.findOne({ where: { taskCode, status: '2' } });
    if (!it) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemCode: taskCode });
    return it;
  }

  /** The item a case was filed under (whatever its publication status now), inside the caller's transaction. */
  async getOfCase(em: EntityManager, itemId: string): Promise<ServiceItemEntity> {
    return em.findOneByOrFail(ServiceItemEntity, { id: itemId });
  }
}
