import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate, runInTransaction } from '@app/shared/database';
import { BadReviewHistoryEntity } from '../entities/bad-review-history.entity';
import { BadReviewOrderEntity } from '../entities/bad-review-order.entity';
import { WORK_ORDER_ACTION, WORK_ORDER_STATUS } from '../work-order-state';

export type NewBadReviewOrder = Pick<
  BadReviewOrderEntity,
  'reviewId' | 'caseNo' | 'deptCode' | 'satisfaction' | 'rectifyDueDate'
>;
export type NewHistoryRow = Omit<BadReviewHistoryEntity, 'id'>;

/** 差评整改 work orders (one per bad review) and their history: one aggregate. */
@Injectable()
export class BadReviewOrderRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  /**
   * Opens an order ASSIGNED to the case's department (转办 is automatic) and records that as its first
   * history row, in the caller's transaction.
   */
  async open(em: EntityManager, values: NewBadReviewOrder): Promise<BadReviewOrderEntity> {
    const order = em.create(BadReviewOrderEntity, { ...values, status: WORK_ORDER_STATUS.ASSIGNED });
    await em.save(order);
    await this.appendHistory(em, {
      orderId: order.id,
      action: WORK_ORDER_ACTION.ASSIGN,
      fromStatus: null,
      toStatus: WORK_ORDER_STATUS.ASSIGNED,
      actorSub: 'system',
      actorName: '系统转办',
      note: `转办至承办部门 ${values.deptCode}`,
      details: { deptCode: values.deptCode },
      at: order.createdAt,
    });
    return order;
  }

  /** The order, locked for update until the transaction ends (transitions are serialised per order). */
  lock(em: EntityManager, id: string): Promise<BadReviewOrderEntity | null> {
    return em
      .getRepository(BadReviewOrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
  }

  save(em: EntityManager, order: BadReviewOrderEntity): Promise<BadReviewOrderEntity> {
    return em.save(order);
  }

  async appendHistory(em: EntityManager, row: NewHistoryRow): Promise<void> {
    await em.save(em.create(BadReviewHistoryEntity, row));
  }

  find(id: string): Promise<BadReviewOrderEntity | null> {
    return this.db.getRepository(BadReviewOrderEntity).findOneBy({ id });
  }

  /** The order's history, oldest first. */
  historyOf(id: string, em: EntityManager = this.db.manager): Promise<BadReviewHistoryEntity[]> {
    return em.getRepository(BadReviewHistoryEntity).find({ where: { orderId: id }, order: { id: 'ASC' } });
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
