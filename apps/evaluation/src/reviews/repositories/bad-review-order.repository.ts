import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate } from '@app/shared/database';
import { BadReviewOrderEntity } from '../entities/bad-review-order.entity';

export type NewBadReviewOrder = Omit<BadReviewOrderEntity, 'id' | 'createdAt' | 'updatedAt'>;

/** 差评整改 work orders: one per bad review. */
@Injectable()
export class BadReviewOrderRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(em: EntityManager, values: NewBadReviewOrder): Promise<BadReviewOrderEntity> {
    const order = em.create(BadReviewOrderEntity, values);
    await em.save(order);
    return order;
  }

  forCase(caseNo: string): Promise<BadReviewOrderEntity[]> {
    return this.db.getRepository(BadReviewOrderEntity).find({ where: { caseNo } });
  }

  /** One page of work orders, newest first; `dept` null means every department. */
  page(
    filter: { dept: string | null; status?: string },
    q: { page: number; pageSize: number },
  ): Promise<Page<BadReviewOrderEntity>> {
    const qb = this.db.getRepository(BadReviewOrderEntity).createQueryBuilder('o');
    if (filter.dept !== null) qb.where('o.dept_code = :dept', { dept: filter.dept });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    return paginate(qb, q, { by: 'o.created_at', direction: 'DESC' }, (o) => o);
  }
}
