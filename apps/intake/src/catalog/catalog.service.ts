import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { Page, paginate, readFirstWhere, readOneBy } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { CatalogAuditView } from './dto/catalog-audit.response.dto';
import { ItemAdminView, ItemView } from './dto/item.response.dto';
import { ListAdminItemsQuery, ListCatalogAuditQuery } from './dto/list-admin-items.query.dto';
import { ListItemsQuery } from './dto/list-items.query.dto';
import { CatalogAuditEntity } from './entities/catalog-audit.entity';
import { ITEM_STATUS, ServiceItemEntity } from './entities/service-item.entity';

/** The read side of the catalog: the public service guide (published versions) and the admin lists. */
@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(ServiceItemEntity) private readonly items: Repository<ServiceItemEntity>,
    @InjectRepository(CatalogAuditEntity) private readonly audit: Repository<CatalogAuditEntity>,
  ) {}

  async list(q: ListItemsQuery): Promise<Page<ItemView>> {
    const qb = this.items.createQueryBuilder('i').where('i.status = :published', {
      published: ITEM_STATUS.PUBLISHED,
    });
    this.filter(qb, q);
    return paginate(qb, q, { by: 'i.task_code', direction: 'ASC' }, (it) => ItemView.from(it));
  }

  /**
   * The published version of an item (one at most: publishing replaces the previous one), read without
   * TypeORM's query builder — every submission reads it.
   */
  async getPublished(taskCode: string): Promise<ServiceItemEntity> {
    const it = await readFirstWhere(
      this.items.manager,
      ServiceItemEntity,
      'task_code = $1 AND status = $2',
      'item_version DESC',
      [taskCode, ITEM_STATUS.PUBLISHED],
    );
    if (!it) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemCode: taskCode });
    return it;
  }

  /** The item a case was filed under (whatever its publication status now), inside the caller's transaction. */
  async getOfCase(em: EntityManager, itemId: string): Promise<ServiceItemEntity> {
    const it = await readOneBy(em, ServiceItemEntity, 'id', itemId);
    if (!it) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemId });
    return it;
  }

  /** Every version (drafts, published, replaced), by task code and version. */
  async listAdmin(q: ListAdminItemsQuery): Promise<Page<ItemAdminView>> {
    const qb = this.items.createQueryBuilder('i');
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.taskCode) qb.andWhere('i.task_code = :taskCode', { taskCode: q.taskCode });
    this.filter(qb, q);
    return paginate(qb, q, { by: 'i.task_code', direction: 'ASC', tieBreaker: 'i.item_version' }, (it) =>
      ItemAdminView.fromAdmin(it),
    );
  }

  /** One version by id, whatever its status (what a case filed under it references). */
  async getVersion(id: string): Promise<ItemAdminView> {
    const it = await this.items.findOneBy({ id });
    if (!it) throw new DomainError('ITEM_NOT_FOUND', undefined, { itemId: id });
    return ItemAdminView.fromAdmin(it);
  }

  async listAudit(q: ListCatalogAuditQuery): Promise<Page<CatalogAuditView>> {
    const qb = this.audit.createQueryBuilder('a');
    if (q.taskCode) qb.where('a.task_code = :taskCode', { taskCode: q.taskCode });
    return paginate(qb, q, { by: 'a.id', direction: 'DESC', tieBreaker: 'a.id' }, (a) =>
      CatalogAuditView.from(a),
    );
  }

  private filter(qb: SelectQueryBuilder<ServiceItemEntity>, q: { deptCode?: string; keyword?: string }) {
    if (q.deptCode) qb.andWhere('i.dept_code = :dept', { dept: q.deptCode });
    if (q.keyword) {
      qb.andWhere(`i.name LIKE :kw ESCAPE '\\'`, {
        kw: `%${q.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
  }
}
