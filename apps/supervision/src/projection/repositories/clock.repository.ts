import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ClockKind, Light } from '@app/shared/contracts';
import { Page, paginate } from '@app/shared/database';
import { ClockEntity } from '../entities/clock.entity';
import { LightChangeEntity } from '../entities/light-change.entity';

export interface OpenClock {
  caseNo: string;
  kind: ClockKind;
  ref: string;
  label: string;
  deptCode: string;
  itemCode: string | null;
  dueDate: string;
  openedAt: Date;
}

export interface LightFilter {
  lights: Light[];
  dept: string | null;
  kind?: ClockKind;
  itemCode?: string;
  region?: string;
}

/** Opens a clock or moves the open one ($11: a closed one opens again); `inserted` when it is new. */
const OPEN_CLOCK = `INSERT INTO sup_clocks (case_no, kind, ref, label, dept_code, item_code, due_date, opened_at, closed_at, close_reason)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (case_no, kind, ref) DO UPDATE SET
    due_date = EXCLUDED.due_date, label = EXCLUDED.label, check_after = now(),
    closed_at = CASE WHEN $11::boolean THEN NULL ELSE sup_clocks.closed_at END,
    close_reason = CASE WHEN $11::boolean THEN NULL ELSE sup_clocks.close_reason END
  WHERE sup_clocks.closed_at IS NULL OR $11::boolean
  RETURNING (xmax = 0) AS inserted`;

const openValues = (c: OpenClock, opts: { reopen?: boolean; closed?: { at: Date; reason: string } }) => [
  c.caseNo,
  c.kind,
  c.ref,
  c.label,
  c.deptCode,
  c.itemCode,
  c.dueDate,
  c.openedAt,
  opts.closed?.at ?? null,
  opts.closed?.reason ?? null,
  opts.reopen === true,
];

/**
 * Clocks (one per deadline) and their light history. Consumers open, move, pause and close clocks and set
 * `check_after = now()` so the sweeper recomputes the light at its next tick; only the sweeper writes lights.
 */
@Injectable()
export class ClockRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Opens the clock, or moves the due date of the one already open (`reopen`: a closed one opens again,
   * e.g. a step that a 退回 makes current again). Returns whether a new clock was created.
   */
  async open(
    em: EntityManager,
    c: OpenClock,
    opts: { reopen?: boolean; closed?: { at: Date; reason: string } } = {},
  ): Promise<boolean> {
    const rows = await em.query<Array<{ inserted: boolean }>>(OPEN_CLOCK, openValues(c, opts));
    return rows[0]?.inserted === true;
  }

  /**
   * Closes the open clock `close` (kind and ref) and opens `next` (as `open` with `reopen`) in one
   * statement: a step decided and the next one started. The two must be different clocks (one statement
   * cannot change a row twice); with the same ref it is two statements.
   */
  async closeThenOpen(
    em: EntityManager,
    close: { kind: ClockKind; ref: string; at: Date; reason: string },
    next: OpenClock,
  ): Promise<void> {
    if (close.kind === next.kind && close.ref === next.ref) {
      await this.close(em, next.caseNo, [close.kind], close.at, close.reason, [close.ref]);
      await this.open(em, next, { reopen: true });
      return;
    }
    await em.query(
      `WITH closed AS (
         UPDATE sup_clocks SET closed_at = $12, close_reason = $13
          WHERE case_no = $1 AND kind = $14 AND ref = $15 AND closed_at IS NULL)
       ${OPEN_CLOCK}`,
      [...openValues(next, { reopen: true }), close.at, close.reason, close.kind, close.ref],
    );
  }

  /** Inserts the clock only if it does not exist yet; true when it did not. */
  async openIfAbsent(em: EntityManager, c: OpenClock): Promise<boolean> {
    const rows = await em.query<unknown[]>(
      `INSERT INTO sup_clocks (case_no, kind, ref, label, dept_code, item_code, due_date, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (case_no, kind, ref) DO NOTHING RETURNING id`,
      [c.caseNo, c.kind, c.ref, c.label, c.deptCode, c.itemCode, c.dueDate, c.openedAt],
    );
    return rows.length > 0;
  }

  /**
   * Moves the due date of a clock, open or already closed (a pause that ended moved it: the promise the
   * case was held to, even when the completion overtook the resumption).
   */
  async moveDue(
    em: EntityManager,
    caseNo: string,
    kind: ClockKind,
    ref: string,
    dueDate: string,
  ): Promise<void> {
    await em.query(
      `UPDATE sup_clocks SET due_date = $4, paused_since = NULL, check_after = now()
       WHERE case_no = $1 AND kind = $2 AND ref = $3`,
      [caseNo, kind, ref, dueDate],
    );
  }

  /** The clock of that kind and ref (open or closed), locked for this transaction. */
  async lock(em: EntityManager, caseNo: string, kind: ClockKind, ref: string): Promise<ClockEntity | null> {
    return em
      .getRepository(ClockEntity)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('k.case_no = :caseNo AND k.kind = :kind AND k.ref = :ref', { caseNo, kind, ref })
      .getOne();
  }

  /** Stops the open clocks of these kinds (a 特别程序 started on `since`). */
  async pause(em: EntityManager, caseNo: string, kinds: ClockKind[], since: string): Promise<void> {
    await em.query(
      `UPDATE sup_clocks SET paused_since = $3, check_after = now()
       WHERE case_no = $1 AND kind = ANY($2) AND closed_at IS NULL AND paused_since IS NULL`,
      [caseNo, kinds, since],
    );
  }

  /** Lets the paused clocks of these kinds run again without moving them. */
  async unpause(em: EntityManager, caseNo: string, kinds: ClockKind[]): Promise<void> {
    await em.query(
      `UPDATE sup_clocks SET paused_since = NULL, check_after = now()
       WHERE case_no = $1 AND kind = ANY($2) AND closed_at IS NULL AND paused_since IS NOT NULL`,
      [caseNo, kinds],
    );
  }

  /** Closes the open clocks of these kinds (of these refs when given). */
  async close(
    em: EntityManager,
    caseNo: string,
    kinds: ClockKind[],
    at: Date,
    reason: string,
    refs?: string[],
  ): Promise<void> {
    await em.query(
      `UPDATE sup_clocks SET closed_at = $3, close_reason = $4
       WHERE case_no = $1 AND kind = ANY($2) AND closed_at IS NULL AND ($5::text[] IS NULL OR ref = ANY($5))`,
      [caseNo, kinds, at, reason, refs ?? null],
    );
  }

  /** Open clocks due for a recheck, oldest first, locked (skipping rows another transaction holds). */
  dueForCheck(em: EntityManager, now: Date, batch: number): Promise<ClockEntity[]> {
    return em
      .getRepository(ClockEntity)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('k.closed_at IS NULL AND k.check_after <= :now', { now })
      .orderBy('k.check_after', 'ASC')
      .addOrderBy('k.id', 'ASC')
      .limit(batch)
      .getMany();
  }

  async saveLight(
    em: EntityManager,
    clock: ClockEntity,
    next: {
      light: Light;
      remainingWorkingDays: number;
      effectiveDueDate: string;
      checkAfter: Date;
      changedAt: Date | null;
    },
  ): Promise<void> {
    await em.query(
      `UPDATE sup_clocks SET light = $2, remaining_working_days = $3, effective_due_date = $4, check_after = $5,
         light_changed_at = COALESCE($6, light_changed_at)
       WHERE id = $1`,
      [
        clock.id,
        next.light,
        next.remainingWorkingDays,
        next.effectiveDueDate,
        next.checkAfter,
        next.changedAt,
      ],
    );
  }

  async recordChange(em: EntityManager, values: Omit<LightChangeEntity, 'id'>): Promise<void> {
    await em.insert(LightChangeEntity, values);
  }

  forCase(caseNo: string): Promise<ClockEntity[]> {
    return this.db
      .getRepository(ClockEntity)
      .find({ where: { caseNo }, order: { openedAt: 'ASC', kind: 'ASC', ref: 'ASC' } });
  }

  changesOf(caseNo: string): Promise<LightChangeEntity[]> {
    return this.db.getRepository(LightChangeEntity).find({ where: { caseNo }, order: { id: 'ASC' } });
  }

  /** Open clocks with these lights, the most urgent first (least remaining working days). */
  page(filter: LightFilter, q: { page: number; pageSize: number }): Promise<Page<ClockEntity>> {
    const qb = this.db
      .getRepository(ClockEntity)
      .createQueryBuilder('k')
      .where('k.closed_at IS NULL AND k.light IN (:...lights)', { lights: filter.lights });
    if (filter.dept !== null) qb.andWhere('k.dept_code = :dept', { dept: filter.dept });
    if (filter.kind) qb.andWhere('k.kind = :kind', { kind: filter.kind });
    if (filter.itemCode) qb.andWhere('k.item_code = :item', { item: filter.itemCode });
    if (filter.region) qb.andWhere('left(k.case_no, 6) = :region', { region: filter.region });
    return paginate(qb, q, { by: 'k.remaining_working_days', direction: 'ASC' }, (k) => k);
  }
}
