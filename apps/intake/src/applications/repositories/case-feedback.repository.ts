import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CaseFeedbackEntity, FEEDBACK_STATUS } from '../entities/case-feedback.entity';

/**
 * "办不成事" feedback items. Part of the case aggregate: written only in the transaction that holds the
 * case's row lock (CaseRepository.lockCase), so "one OPEN item per case" is checked without a race (a
 * partial unique index backs it).
 */
@Injectable()
export class CaseFeedbackRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  openOf(em: EntityManager, caseNo: string): Promise<CaseFeedbackEntity | null> {
    return em.findOneBy(CaseFeedbackEntity, { caseNo, status: FEEDBACK_STATUS.OPEN });
  }

  /** One item of the case, locked FOR UPDATE. */
  lockOne(em: EntityManager, caseNo: string, id: string): Promise<CaseFeedbackEntity | null> {
    return em.findOne(CaseFeedbackEntity, { where: { caseNo, id }, lock: { mode: 'pessimistic_write' } });
  }

  save(em: EntityManager, f: CaseFeedbackEntity): Promise<CaseFeedbackEntity> {
    return em.save(CaseFeedbackEntity, f);
  }

  /** The case's items, oldest first. */
  ofCase(caseNo: string, em?: EntityManager): Promise<CaseFeedbackEntity[]> {
    return (em ?? this.db.manager).find(CaseFeedbackEntity, {
      where: { caseNo },
      order: { raisedAt: 'ASC', id: 'ASC' },
    });
  }

  /** A query over items (alias `f`) for lists. */
  query(): SelectQueryBuilder<CaseFeedbackEntity> {
    return this.db.getRepository(CaseFeedbackEntity).createQueryBuilder('f');
  }
}
