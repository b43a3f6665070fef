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
/** Counter columns an event adds to (supplement notices, approvals opened, paused days). */
export type Counter = 'supplementNotices' | 'approvalsOpened' | 'specialPausedDays';

/** The case projection: events from several topics arrive in any order, so every write is an upsert. */
/** Two first events of one case projected at once (retryable: the retry sees the other's row). */
export class CaseRowRaceError extends Error {
  constructor(caseNo: string) {
    super(`sup_cases row of ${caseNo} was created by a concurrent event; retrying`);
  }
}

@Injectable()
export class SupervisedCaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Creates the case if it is new and fills what the event knows, then applies `patch` and adds to the
   * counters in `add`; returns the case
   * as it was BEFORE this event (null when new), locked for the rest of the transaction. One statement:
   * the locking read, the upsert and the patch run in one round trip (the projection's hottest write).
   */
  async apply(
    em: EntityManager,
    ref: CaseRefValues,
    patch: CasePatch = {},
    add: Partial<Record<Counter, number>> = {},
  ): Promise<SupervisedCaseEntity | null> {
    const meta = em.connection.getMetadata(SupervisedCaseEntity);
    const params: unknown[] = [
      ref.caseNo,
      regionOf(ref.caseNo),
      ref.itemCode ?? null,
      ref.itemName ?? null,
      ref.deptCode ?? null,
      ref.deptName ?? null,
    ];
    const cols: string[] = [];
    for (const [key, value] of Object.entries(patch)) {
      const col = meta.findColumnWithPropertyName(key);
      if (!col) throw new Error(`sup_cases has no column for ${key}`);
      cols.push(col.databaseName);
      params.push(value);
    }
    const sets = cols.map((c) => `, ${c} = EXCLUDED.${c}`);
    // Counters: the amount on a new row, added to the row's own otherwise.
    for (const [key, by] of Object.entries(add)) {
      const col = meta.findColumnWithPropertyName(key)!.databaseName;
      cols.push(col);
      params.push(by);
      sets.push(`, ${col} = sup_cases.${col} + EXCLUDED.${col}`);
    }
    const patchNames = cols.map((c) => `, ${c}`).join('');
    const patchValues = cols.map((_, i) => `, $${7 + i}`).join('');
    const patchSet = sets.join('');
    const rows = await em.query<Array<Record<string, unknown>>>(
      `WITH before AS (SELECT * FROM sup_cases WHERE case_no = $1 FOR UPDATE),
       upsert AS (
         INSERT INTO sup_cases (case_no, region_code, item_code, item_name, dept_code, dept_name${patchNames})
         VALUES ($1, $2, $3, $4, $5, $6${patchValues})
         ON CONFLICT (case_no) DO UPDATE SET
           item_code = COALESCE(EXCLUDED.item_code, sup_cases.item_code),
           item_name = COALESCE(EXCLUDED.item_name, sup_cases.item_name),
           dept_code = COALESCE(EXCLUDED.dept_code, sup_cases.dept_code),
           dept_name = COALESCE(EXCLUDED.dept_name, sup_cases.dept_name),
           updated_at = now()${patchSet}
         RETURNING (xmax = 0) AS inserted)
       -- The row as it was (read first: UNION ALL runs its branches in order), then whether the upsert
       -- inserted it; read after the upsert, the row would already be this statement's own update.
       SELECT b.*, to_char(b.promise_date, 'YYYY-MM-DD') AS promise_date_text, NULL::boolean AS inserted
       FROM before b
       UNION ALL
       SELECT s.*, NULL, u.inserted FROM upsert u LEFT JOIN sup_cases s ON false`,
      params,
    );
    const raw = rows[0];
    if (raw.case_no === null) {
      if (rows[rows.length - 1].inserted) return null;
      // Not there when this statement began, there when it inserted: another topic's first event of the
      // case committed meanwhile, and what it did is not in `before`. Rolled back and retried, the retry
      // finds the row and locks it.
      throw new CaseRowRaceError(ref.caseNo);
    }
    const before = new SupervisedCaseEntity();
    for (const col of meta.columns) {
      (before as unknown as Record<string, unknown>)[col.propertyName] = raw[col.databaseName];
    }
    before.promiseDate = (raw.promise_date_text as string | null) ?? null;
    return before;
  }

  /**
   * What other topics' events already did to the case, read AFTER this transaction's upsert: the row is
   * locked by then, so an event of another topic that committed meanwhile (a completion racing a 受理) is
   * seen, which the snapshot of `apply`'s result may not show. `procedureSince`: when the 特别程序 running
   * on the case (if any) started.
   */
  async settled(
    em: EntityManager,
    caseNo: string,
  ): Promise<{ endedAt: Date | null; specialPausedDays: number; procedureSince: Date | null }> {
    const [r] = await em.query<
      Array<{ ended_at: Date | null; special_paused_days: number; procedure_since: Date | null }>
    >(
      `SELECT COALESCE(completed_at, withdrawn_at) AS ended_at, special_paused_days,
              (SELECT min(opened_at) FROM sup_clocks
                WHERE case_no = $1 AND kind = 'SPECIAL_PROCEDURE' AND closed_at IS NULL) AS procedure_since
         FROM sup_cases WHERE case_no = $1`,
      [caseNo],
    );
    return {
      endedAt: r?.ended_at ?? null,
      specialPausedDays: r?.special_paused_days ?? 0,
      procedureSince: r?.procedure_since ?? null,
    };
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
