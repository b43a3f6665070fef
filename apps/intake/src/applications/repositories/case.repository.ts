import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  deferToCommit,
  insertRow,
  lockTracked,
  readOneBy,
  readOneWith,
  runInTransaction,
  runUnflushed,
  saveChanges,
} from '@app/shared/database';
import { LIFE_PARTS, LifeParts } from './case-life.repository';
import { DomainError } from '@app/shared/errors';
import { NonRetryableError } from '@app/shared/kafka';
import { shanghaiCompactDate } from '@app/shared/time';
import { IntakeConfig } from '../../config/intake.config';
import { CASE_CHANGED_CHANNEL } from '../case-changes';
import { CaseEntity } from '../entities/case.entity';
import { TimelineEntryEntity } from '../entities/timeline-entry.entity';
import { TIMELINE_TITLES, TimelineAction } from '../timeline';

export interface TimelineAppend {
  action: TimelineAction;
  occurredAt: Date;
  actor?: string | null;
  detail?: Record<string, unknown>;
  /** The Kafka event behind the entry (unique: a redelivery cannot add it twice). */
  sourceEventId?: string;
}

/** A case's version and the fields that decide who may see it (`ApplicationsPolicy.canView`). */
export type CaseProbe = Pick<CaseEntity, 'caseNo' | 'version' | 'deptCode' | 'applicantSub'>;

const caseNotFound = (caseNo: string): Error => new DomainError('CASE_NOT_FOUND', undefined, { caseNo });

/** The one way in and out of the case aggregate (cases, their timeline, their numbers). */
@Injectable()
export class CaseRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: IntakeConfig,
  ) {}

  /** Runs `work` in a new transaction, or in the caller's when `em` is given. */
  inTransaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return em ? work(em) : runInTransaction(this.db, work);
  }

  /** The case locked FOR NO KEY UPDATE until the transaction ends; `missing` says what a missing case is. */
  async lockCase(
    em: EntityManager,
    caseNo: string,
    missing: (caseNo: string) => Error = caseNotFound,
  ): Promise<CaseEntity> {
    const c = await lockTracked(em, CaseEntity, 'caseNo', caseNo);
    if (!c) throw missing(caseNo);
    return c;
  }

  /** The case, read without TypeORM's query builder (the status polls read it several times per case). */
  findByCaseNo(caseNo: string): Promise<CaseEntity | null> {
    return readOneBy(this.db.manager, CaseEntity, 'caseNo', caseNo);
  }

  /**
   * What a long poll needs before it waits: the case's version and who may see it, without the rest of the
   * row or its life (a waiting poll reads the whole case once, when it answers).
   */
  async probe(caseNo: string): Promise<CaseProbe | null> {
    const rows = await this.db.query<Array<{ version: number; dept_code: string; applicant_sub: string }>>(
      'SELECT version, dept_code, applicant_sub FROM cases WHERE case_no = $1',
      [caseNo],
    );
    const r = rows[0];
    return r
      ? { caseNo, version: Number(r.version), deptCode: r.dept_code, applicantSub: r.applicant_sub }
      : null;
  }

  /** The case and which parts of its life have rows, in one statement (a client's read of its case). */
  findWithLife(caseNo: string): Promise<{ entity: CaseEntity; extra: LifeParts } | null> {
    return readOneWith<CaseEntity, LifeParts>(this.db.manager, CaseEntity, 'caseNo', caseNo, LIFE_PARTS);
  }

  /** The case an applicant created with an Idempotency-Key, if any. */
  findBySubmission(applicantSub: string, idempotencyKey: string): Promise<CaseEntity | null> {
    return this.db.getRepository(CaseEntity).findOneBy({ applicantSub, idempotencyKey });
  }

  /** A query over cases (alias `c`) for lists. */
  query(): SelectQueryBuilder<CaseEntity> {
    return this.db.getRepository(CaseEntity).createQueryBuilder('c');
  }

  /**
   * 办件编号 <行政区划 6><yyyyMMdd 8><seq 6> = 20 chars, unique per region (docs/standards.md), from one
   * counter row per region and day.
   *
   * Without `em` the number is taken in a transaction of its own that commits at once (`runUnflushed`), so
   * submissions no longer queue behind each other's whole transaction on the day's row (4–5 ms of lock wait
   * per submission at 25 cases/s, more on a loaded machine). The price: a submission that fails after
   * taking its number leaves a gap in the day's sequence. A crash cannot hand a number out twice: a case
   * that carries the number commits after the increment in the WAL, so whenever the case survives, so does
   * the increment. With `em` (a bundle's transaction, which numbers all its members) it is taken inside
   * that transaction, holding the row until it ends: taking a second pooled connection while holding one
   * could exhaust the pool.
   */
  async nextCaseNo(now: Date, em?: EntityManager): Promise<string> {
    const region = this.config.REGION_CODE;
    const day = shanghaiCompactDate(now);
    const sql = `INSERT INTO case_no_counters (region, day, seq) VALUES ($1, $2, 1)
       ON CONFLICT (region, day) DO UPDATE SET seq = case_no_counters.seq + 1 RETURNING seq`;
    const [{ seq }] = em
      ? await em.query<Array<{ seq: number }>>(sql, [region, day])
      : await runUnflushed<{ seq: number }>(this.db, sql, [region, day]);
    return `${region}${day}${String(seq).padStart(6, '0')}`;
  }

  /**
   * Saves the case and, on commit, wakes long-polling readers of it (case-changes.ts). A locked case is
   * written with one UPDATE of what changed, the notification in the same statement (tracked-entity.ts).
   */
  async save(em: EntityManager, c: CaseEntity): Promise<CaseEntity> {
    await saveChanges(em, CaseEntity, c, { notify: { channel: CASE_CHANGED_CHANNEL, payload: c.caseNo } });
    return c;
  }

  /**
   * Inserts a new case (one statement, tracked for `save`). No wake-up: nobody can be waiting for a case
   * whose number has not been answered yet.
   */
  async insert(em: EntityManager, values: Partial<CaseEntity>): Promise<CaseEntity> {
    return (await insertRow(em, CaseEntity, values))!;
  }

  /** Appends the entries, in order, with one INSERT (TypeORM's save machinery cost more than the statement). */
  async appendTimeline(em: EntityManager, caseNo: string, ...entries: TimelineAppend[]): Promise<void> {
    const rows = entries.map(
      (_, r) => `(${Array.from({ length: 8 }, (_, i) => `$${r * 8 + i + 1}`).join(', ')})`,
    );
    const sql = `INSERT INTO case_timeline (${TIMELINE_COLUMNS}) VALUES ${rows.join(', ')}`;
    const values = entries.flatMap((e) => timelineValues(caseNo, e));
    // Nothing reads a case's timeline inside the transaction that appends to it: sent with the COMMIT.
    if (!deferToCommit(em, sql, values)) await em.query(sql, values);
  }

  /**
   * Appends the entry if the case exists, in one statement and without locking the case (an entry that
   * changes nothing else, e.g. a step decided); false when the case is unknown here.
   */
  async appendTimelineIfKnown(em: EntityManager, caseNo: string, entry: TimelineAppend): Promise<boolean> {
    const rows = await em.query<unknown[]>(
      `INSERT INTO case_timeline (${TIMELINE_COLUMNS})
       SELECT $1::varchar, $2::varchar, $3::varchar, $4::varchar, $5::varchar, $6::jsonb, $7::timestamptz, $8::uuid
        WHERE EXISTS (SELECT 1 FROM cases WHERE case_no = $1)
       RETURNING id`,
      timelineValues(caseNo, entry),
    );
    return rows.length > 0;
  }

  readTimeline(caseNo: string): Promise<TimelineEntryEntity[]> {
    return this.db
      .getRepository(TimelineEntryEntity)
      .find({ where: { caseNo }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}

const TIMELINE_COLUMNS = 'case_no, action, title_zh, title_en, actor, detail, occurred_at, source_event_id';
function timelineValues(caseNo: string, entry: TimelineAppend): unknown[] {
  const [zh, en] = TIMELINE_TITLES[entry.action];
  return [
    caseNo,
    entry.action,
    zh,
    en,
    entry.actor ?? null,
    JSON.stringify(entry.detail ?? {}),
    entry.occurredAt,
    entry.sourceEventId ?? null,
  ];
}

/** For event handlers: an event about a case this service never had cannot be fixed by retrying. */
export const unknownCaseInEvent = (caseNo: string): Error =>
  new NonRetryableError(`unknown case ${caseNo}`, 'UNKNOWN_CASE');
