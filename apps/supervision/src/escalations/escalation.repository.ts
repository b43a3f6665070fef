import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate, runInTransaction } from '@app/shared/database';
import { ClockEntity } from '../projection/entities/clock.entity';
import { EscalationAuditEntity, EscalationEntity, EscalationStatus } from './entities/escalation.entity';

/** 督办 items and their audit trail. */
@Injectable()
export class EscalationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  /**
   * Opens a 督办 item for a red clock, unless one is still unresolved for it (the partial unique index makes
   * this safe even under concurrency). Returns the new item, or null.
   */
  async openFor(
    em: EntityManager,
    clock: ClockEntity,
    dueDate: string,
    now: Date,
  ): Promise<EscalationEntity | null> {
    const rows = await em.query<Array<{ id: string }>>(
      `INSERT INTO sup_escalations (clock_id, case_no, kind, dept_code, item_code, due_date, status, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7)
       ON CONFLICT (clock_id) WHERE status <> 'RESOLVED' DO NOTHING RETURNING id`,
      [clock.id, clock.caseNo, clock.kind, clock.deptCode, clock.itemCode, dueDate, now],
    );
    if (rows.length === 0) return null;
    await this.audit(em, {
      escalationId: rows[0].id,
      action: 'OPENED',
      actorSub: 'system',
      actorName: '电子监察',
      comment: null,
      at: now,
    });
    return em.getRepository(EscalationEntity).findOneByOrFail({ id: rows[0].id });
  }

  async audit(em: EntityManager, values: Omit<EscalationAuditEntity, 'id'>): Promise<void> {
    await em.insert(EscalationAuditEntity, values);
  }

  lock(em: EntityManager, id: string): Promise<EscalationEntity | null> {
    return em
      .getRepository(EscalationEntity)
      .createQueryBuilder('x')
      .setLock('pessimistic_write')
      .where('x.id = :id', { id })
      .getOne();
  }

  async save(em: EntityManager, x: EscalationEntity): Promise<EscalationEntity> {
    return em.save(x);
  }

  find(id: string): Promise<EscalationEntity | null> {
    return this.db.getRepository(EscalationEntity).findOneBy({ id });
  }

  auditOf(id: string): Promise<EscalationAuditEntity[]> {
    return this.db
      .getRepository(EscalationAuditEntity)
      .find({ where: { escalationId: id }, order: { id: 'ASC' } });
  }

  forCase(caseNo: string): Promise<EscalationEntity[]> {
    return this.db.getRepository(EscalationEntity).find({ where: { caseNo }, order: { openedAt: 'ASC' } });
  }

  /** Newest first; `dept` null means every department. */
  page(
    filter: { dept: string | null; status?: EscalationStatus; caseNo?: string },
    q: { page: number; pageSize: number },
  ): Promise<Page<EscalationEntity>> {
    const qb = this.db.getRepository(EscalationEntity).createQueryBuilder('x');
    if (filter.dept !== null) qb.where('x.dept_code = :dept', { dept: filter.dept });
    if (filter.status) qb.andWhere('x.status = :status', { status: filter.status });
    if (filter.caseNo) qb.andWhere('x.case_no = :caseNo', { caseNo: filter.caseNo });
    return paginate(qb, q, { by: 'x.opened_at', direction: 'DESC' }, (x) => x);
  }
}
