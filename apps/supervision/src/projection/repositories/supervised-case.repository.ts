import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate } from '@app/shared/database';
import { SupervisedCaseEntity } from '../entities/supervised-case.entity';
import { FlagEntity, FlagKind } from '../entities/flag.entity';

/** What (almost) every event says about its case: the case number, item and department. */
export interface CaseRefValues {
  caseNo: string;
  itemCode?: string | null;
  itemName?: string | null;
  deptCode?: string | null;
  deptName?: string | null;
}

/** 办件编号 <行政区划 6><yyyyMMdd 8><seq 6>: the region is the first six digits, when the number has that form. */
export function regionOf(caseNo: string): string | null {
  return /^\d{20}$/.test(caseNo) ? caseNo.slice(0, 6) : null;
}

type CasePatch = Partial<Omit<SupervisedCaseEntity, 'caseNo' | 'updatedAt'>>;

/** The case projection: events from several topics arrive in any order, so every write is an upsert. */
@Injectable()
export class SupervisedCaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Creates the case if it is new and fills what the event knows, then applies `patch`; returns the case
   * as it was BEFORE this event (null when new), locked for the rest of the transaction.
   */
  async apply(
    em: EntityManager,
    ref: CaseRefValues,
    patch: CasePatch = {},
  ): Promise<SupervisedCaseEntity | null> {
    const before = await em
      .getRepository(SupervisedCaseEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.case_no = :caseNo', { caseNo: ref.caseNo })
      .getOne();
    await em.query(
      `INSERT INTO sup_cases (case_no, region_code, item_code, item_name, dept_code, dept_name)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_no) DO UPDATE SET
         item_code = COALESCE(EXCLUDED.item_code, sup_cases.item_code),
         item_name = COALESCE(EXCLUDED.item_name, sup_cases.item_name),
         dept_code = COALESCE(EXCLUDED.dept_code, sup_cases.dept_code),
         dept_name = COALESCE(EXCLUDED.dept_name, sup_cases.dept_name),
         updated_at = now()`,
      [
        ref.caseNo,
        regionOf(ref.caseNo),
        ref.itemCode ?? null,
        ref.itemName ?? null,
        ref.deptCode ?? null,
        ref.deptName ?? null,
      ],
    );
    if (Object.keys(patch).length > 0) await em.update(SupervisedCaseEntity, { caseNo: ref.caseNo }, patch);
    return before;
  }

  /** Adds to a counter column (supplement notices, approvals opened, paused days). */
  async increment(
    em: EntityManager,
    caseNo: string,
    column: 'supplementNotices' | 'approvalsOpened' | 'specialPausedDays',
    by: number,
  ): Promise<void> {
    await em.increment(SupervisedCaseEntity, { caseNo }, column, by);
  }

  async flag(
    em: EntityManager,
    values: {
      caseNo: string;
      deptCode: string;
      kind: FlagKind;
      detail: Record<string, unknown>;
      occurredAt: Date;
      sourceEventId: string;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO sup_flags (case_no, dept_code, kind, detail, occurred_at, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_event_id, kind) DO NOTHING`,
      [
        values.caseNo,
        values.deptCode,
        values.kind,
        JSON.stringify(values.detail),
        values.occurredAt,
        values.sourceEventId,
      ],
    );
  }

  find(caseNo: string): Promise<SupervisedCaseEntity | null> {
    return this.db.getRepository(SupervisedCaseEntity).findOneBy({ caseNo });
  }

  flagsOf(caseNo: string): Promise<FlagEntity[]> {
    return this.db.getRepository(FlagEntity).find({ where: { caseNo }, order: { occurredAt: 'ASC' } });
  }

  flagPage(
    filter: { dept: string | null; kind?: FlagKind },
    q: { page: number; pageSize: number },
  ): Promise<Page<FlagEntity>> {
    const qb = this.db.getRepository(FlagEntity).createQueryBuilder('f');
    if (filter.dept !== null) qb.where('f.dept_code = :dept', { dept: filter.dept });
    if (filter.kind) qb.andWhere('f.kind = :kind', { kind: filter.kind });
    return paginate(qb, q, { by: 'f.occurred_at', direction: 'DESC' }, (f) => f);
  }
}
