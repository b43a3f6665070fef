import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChiefAuthorisationEntity } from './chief-authorisation.entity';
import { runInTransaction } from '@app/shared/database';

@Injectable()
export class ChiefAuthorisationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  insert(em: EntityManager, values: Omit<ChiefAuthorisationEntity, 'id'>): Promise<ChiefAuthorisationEntity> {
    return em.save(Object.assign(new ChiefAuthorisationEntity(), values));
  }

  findForUpdate(em: EntityManager, id: string): Promise<ChiefAuthorisationEntity | null> {
    return em.findOne(ChiefAuthorisationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(em: EntityManager, a: ChiefAuthorisationEntity): Promise<void> {
    await em.save(a);
  }

  /** Every authorisation (of one department when given), newest grant first. */
  list(deptCode?: string): Promise<ChiefAuthorisationEntity[]> {
    return this.db.getRepository(ChiefAuthorisationEntity).find({
      where: deptCode ? { deptCode } : {},
      order: { grantedAt: 'DESC' },
      take: 500,
    });
  }

  /**
   * The authorisation valid at `at` for a case of the department: not revoked, validFrom ≤ at < validTo,
   * the item or the 事项类型 in its scope, and naming `holderSub` or nobody. The most recently granted one
   * when several hold.
   */
  validFor(
    em: EntityManager,
    c: { deptCode: string; itemCode: string; taskType: string | null },
    at: Date,
    holderSub: string,
  ): Promise<ChiefAuthorisationEntity | null> {
    return em
      .createQueryBuilder(ChiefAuthorisationEntity, 'c')
      .where('c.dept_code = :dept', { dept: c.deptCode })
      .andWhere('c.revoked_at IS NULL')
      .andWhere('(c.holder_sub IS NULL OR c.holder_sub = :holder)', { holder: holderSub })
      .andWhere('c.valid_from <= :at AND c.valid_to > :at', { at })
      .andWhere(
        '(:item = ANY(c.item_codes) OR (:taskType::text IS NOT NULL AND :taskType = ANY(c.task_types)))',
        {
          item: c.itemCode,
          taskType: c.taskType,
        },
      )
      .orderBy('c.granted_at', 'DESC')
      .getOne();
  }
}
