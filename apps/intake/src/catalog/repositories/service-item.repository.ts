import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { CatalogAuditAction, CatalogAuditEntity } from '../entities/catalog-audit.entity';
import { ServiceItemEntity } from '../entities/service-item.entity';
import { ItemElements } from '../item-rules';
import { runInTransaction } from '@app/shared/database';

/** Advisory lock class of the catalog: one writer per 实施编码 at a time. */
const CATALOG_LOCK = 73024110;

export interface AuditAppend {
  item: Pick<ServiceItemEntity, 'id' | 'taskCode' | 'itemVersion'>;
  action: CatalogAuditAction;
  user: Principal;
  at: Date;
  detail: Record<string, unknown>;
}

/** The one way in and out of the item aggregate (all versions of one 实施编码, and their audit trail). */
@Injectable()
export class ServiceItemRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in a new transaction, or in the caller's when `em` is given. */
  inTransaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return em ? work(em) : runInTransaction(this.db, work);
  }

  /**
   * Every version of the item, oldest first, with the item locked for this transaction (an advisory lock
   * on the task code, so creating the first version is serialised as well).
   */
  async lockVersions(em: EntityManager, taskCode: string): Promise<ServiceItemEntity[]> {
    await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CATALOG_LOCK, taskCode]);
    return em.find(ServiceItemEntity, { where: { taskCode }, order: { itemVersion: 'ASC' } });
  }

  /** Inserts a new version. */
  insert(
    em: EntityManager,
    values: ItemElements & Pick<ServiceItemEntity, 'taskCode' | 'itemVersion' | 'status'>,
  ): Promise<ServiceItemEntity> {
    return em.save(em.create(ServiceItemEntity, { ...values, publishedAt: null }));
  }

  save(em: EntityManager, item: ServiceItemEntity): Promise<ServiceItemEntity> {
    return em.save(item);
  }

  async audit(em: EntityManager, a: AuditAppend): Promise<void> {
    await em.save(
      em.create(CatalogAuditEntity, {
        itemId: a.item.id,
        taskCode: a.item.taskCode,
        itemVersion: a.item.itemVersion,
        action: a.action,
        actorSub: a.user.sub,
        actorName: a.user.name ?? null,
        occurredAt: a.at,
        detail: a.detail,
      }),
    );
  }
}
