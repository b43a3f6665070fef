import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate, runInTransaction } from '@app/shared/database';
import { BundleDefinitionEntity } from '../entities/bundle-definition.entity';

/** The one way in and out of bundle definitions. */
@Injectable()
export class BundleDefinitionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  findByCode(code: string): Promise<BundleDefinitionEntity | null> {
    return this.db.getRepository(BundleDefinitionEntity).findOneBy({ code });
  }

  lockByCode(em: EntityManager, code: string): Promise<BundleDefinitionEntity | null> {
    return em.findOne(BundleDefinitionEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  save(em: EntityManager, d: BundleDefinitionEntity): Promise<BundleDefinitionEntity> {
    return em.save(d);
  }

  list<V>(q: { page: number; pageSize: number }, view: (d: BundleDefinitionEntity) => V): Promise<Page<V>> {
    const qb = this.db.getRepository(BundleDefinitionEntity).createQueryBuilder('d');
    return paginate(qb, q, { by: 'd.code', direction: 'ASC' }, view);
  }
}
