import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DelegationEntity } from './delegation.entity';
import { runInTransaction } from '@app/shared/database';

@Injectable()
export class DelegationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  insert(em: EntityManager, values: Omit<DelegationEntity, 'id'>): Promise<DelegationEntity> {
    return em.save(Object.assign(new DelegationEntity(), values));
  }

  findForUpdate(em: EntityManager, id: string): Promise<DelegationEntity | null> {
    return em.findOne(DelegationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(em: EntityManager, d: DelegationEntity): Promise<void> {
    await em.save(d);
  }

  /** Every delegation (from or to one department when given), newest grant first (at most 500). */
  list(dept?: string): Promise<DelegationEntity[]> {
    return this.db.getRepository(DelegationEntity).find({
      where: dept ? [{ fromDept: dept }, { toDept: dept }] : {},
      order: { grantedAt: 'DESC' },
      take: 500,
    });
  }

  /**
   * The unrevoked delegations to `toDept` (from `fromDept` when given), newest grant first. The policy
   * decides which of them hold now and for which case; with `em` the read joins the caller's transaction.
   */
  toDept(toDept: string | undefined, fromDept?: string, em?: EntityManager): Promise<DelegationEntity[]> {
    if (!toDept) return Promise.resolve([]);
    const repo = (em ?? this.db.manager).getRepository(DelegationEntity);
    return repo.find({
      where: { toDept, revokedAt: IsNull(), ...(fromDept ? { fromDept } : {}) },
      order: { grantedAt: 'DESC' },
      take: 500,
    });
  }
}
