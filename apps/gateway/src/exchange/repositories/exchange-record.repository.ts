import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate } from '@app/shared/database';
import { ExchangeRecordEntity, ExchangeState } from '../entities/exchange-record.entity';
import type { CaseFacts, RecordDraft } from '../mapping/case-facts';
import type { ExchangeKind } from '../mapping/exchange-codes';

/** A record claimed for sending (its row locked in the caller's transaction), with its case's facts. */
export interface ClaimedRecord {
  id: string;
  caseNo: string;
  kind: ExchangeKind;
  source: Record<string, unknown>;
  rowGuid: string;
  cdOperation: string;
  createdAt: Date;
  attempts: number;
  facts: CaseFacts;
  serviceNumber: string | null;
}

/** The outcome of one attempt, written in the transaction that holds the record's lock. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  sentBody: Record<string, unknown>;
  answer: Record<string, unknown> | null;
  /** Delivered: nothing more. Failed: the next attempt's time, or null when the record is dead. */
  nextAttemptAt?: Date | null;
}

/** Exchange records and the case facts they are rendered from (one aggregate per case). */
@Injectable()
export class ExchangeRecordRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The case's facts, its row locked (created when new) so two events of one case merge one after the other. */
  async lockCase(em: EntityManager, caseNo: string): Promise<CaseFacts> {
    await em.query(`INSERT INTO exchange_cases (case_no) VALUES ($1) ON CONFLICT (case_no) DO NOTHING`, [
      caseNo,
    ]);
    const [row] = await em.query<Array<{ facts: CaseFacts }>>(
      `SELECT facts FROM exchange_cases WHERE case_no = $1 FOR UPDATE`,
      [caseNo],
    );
    return row.facts;
  }

  async saveFacts(em: EntityManager, caseNo: string, facts: CaseFacts): Promise<void> {
    await em.query(`UPDATE exchange_cases SET facts = $2, updated_at = now() WHERE case_no = $1`, [
      caseNo,
      JSON.stringify(facts),
    ]);
  }

  /** Stores the drafts; (event, kind, seq) is unique, so an event handled twice adds nothing. */
  /** Material codes the case already has a `up_pro_material` record for. */
  async materialCodes(em: EntityManager, caseNo: string): Promise<Set<string>> {
    const rows = await em.query<Array<{ code: string | null }>>(
      `SELECT DISTINCT source->>'code' AS code FROM exchange_records WHERE case_no = $1 AND kind = 'up_pro_material'`,
      [caseNo],
    );
    return new Set(rows.flatMap((r) => (r.code ? [r.code] : [])));
  }

  async insertDrafts(
    em: EntityManager,
    caseNo: string,
    event: { id: string; topic: string },
    drafts: RecordDraft[],
    settleMs: number,
  ): Promise<number> {
    let added = 0;
    for (const d of drafts) {
      const rows = await em.query<unknown[]>(
        `INSERT INTO exchange_records (id, case_no, kind, event_id, topic, seq, order_at, row_guid, cd_operation,
                                       source, next_attempt_at, after_accept)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + make_interval(secs => $11::float8 / 1000), $12)
         ON CONFLICT ON CONSTRAINT exchange_records_once DO NOTHING RETURNING id`,
        [
          randomUUID(),
          caseNo,
          d.kind,
          event.id,
          event.topic,
          d.seq,
          d.orderAt,
          d.rowGuid,
          d.operation,
          JSON.stringify(d.source),
          settleMs,
          d.afterAccept,
        ],
      );
      added += rows.length;
    }
    return added;
  }

  /**
   * Locks the next record that may be sent now (FOR UPDATE SKIP LOCKED: another worker or replica never
   * gets it while this transaction lasts): due, the head of its case (every earlier record of the case
   * delivered), after the case's accept row when it follows 受理, and — for an evaluation — its case's
   * service record answered with a serviceNumber.
   */
  async claimNext(em: EntityManager): Promise<ClaimedRecord | null> {
    const [row] = await em.query<
      Array<{
        id: string;
        case_no: string;
        kind: ExchangeKind;
        source: Record<string, unknown>;
        row_guid: string;
        cd_operation: string;
        created_at: Date;
        attempts: number;
        facts: CaseFacts | null;
        service_number: string | null;
      }>
    >(
      `SELECT r.id, r.case_no, r.kind, r.source, r.row_guid, r.cd_operation, r.created_at, r.attempts,
              c.facts, c.service_number
         FROM exchange_records r
         LEFT JOIN exchange_cases c ON c.case_no = r.case_no
        WHERE r.state = 'PENDING' AND r.next_attempt_at <= now()
          AND NOT EXISTS (
            SELECT 1 FROM exchange_records p
             WHERE p.case_no = r.case_no AND p.state <> 'DELIVERED'
               AND (p.order_at, p.pos) < (r.order_at, r.pos))
          AND (r.kind <> 'evaluate' OR c.service_number IS NOT NULL)
          AND (NOT r.after_accept OR EXISTS (
            SELECT 1 FROM exchange_records a
             WHERE a.case_no = r.case_no AND a.kind = 'up_pro_accept' AND a.state = 'DELIVERED'))
        ORDER BY r.next_attempt_at, r.pos
        LIMIT 1
        FOR UPDATE OF r SKIP LOCKED`,
    );
    if (!row) return null;
    return {
      id: row.id,
      caseNo: row.case_no,
      kind: row.kind,
      source: row.source,
      rowGuid: row.row_guid,
      cdOperation: row.cd_operation,
      createdAt: row.created_at,
      attempts: row.attempts,
      facts: row.facts ?? {},
      serviceNumber: row.service_number,
    };
  }

  /** Records one attempt: delivered (with the province's answer), retry later, or dead. */
  async recordAttempt(em: EntityManager, id: string, o: AttemptOutcome): Promise<ExchangeState> {
    const state: ExchangeState = !o.error ? 'DELIVERED' : o.nextAttemptAt ? 'PENDING' : 'DEAD';
    await em.query(
      `UPDATE exchange_records
          SET attempts = attempts + 1, last_attempt_at = now(), last_status = $2, last_error = $3,
              sent_body = $4, answer = $5, state = $6::varchar,
              delivered_at = CASE WHEN $6::varchar = 'DELIVERED' THEN now() END,
              dead_at = CASE WHEN $6::varchar = 'DEAD' THEN now() END,
              next_attempt_at = COALESCE($7::timestamptz, next_attempt_at)
        WHERE id = $1`,
      [
        id,
        o.status,
        o.error?.slice(0, 300) ?? null,
        JSON.stringify(o.sentBody),
        o.answer ? JSON.stringify(o.answer) : null,
        state,
        o.nextAttemptAt ?? null,
      ],
    );
    return state;
  }

  /** Stores the province's serviceNumber of the case's service record (evaluations wait for it). */
  async setServiceNumber(em: EntityManager, caseNo: string, serviceNumber: string, code: string | null) {
    await em.query(
      `UPDATE exchange_cases SET service_number = $2, service_code = $3, service_recorded_at = now(),
              updated_at = now() WHERE case_no = $1`,
      [caseNo, serviceNumber, code],
    );
  }

  /**
   * Deletes delivered records older than `days` (the delivery log), in batches; returns how many. Dead and
   * pending records are never pruned, nor the case rows (a 二次评价 may come weeks later and needs the
   * serviceNumber).
   */
  async pruneDelivered(days: number, batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, n] = await this.db.query<[unknown[], number]>(
        `DELETE FROM exchange_records WHERE id IN (
           SELECT id FROM exchange_records
            WHERE state = 'DELIVERED' AND delivered_at < now() - make_interval(days => $1)
            LIMIT $2)`,
        [days, batch],
      );
      total += n;
      if (n < batch) return total;
    }
  }

  find(id: string): Promise<ExchangeRecordEntity | null> {
    return this.db.getRepository(ExchangeRecordEntity).findOne({ where: { id } });
  }

  page(q: {
    state?: ExchangeState;
    caseNo?: string;
    page: number;
    pageSize: number;
  }): Promise<Page<ExchangeRecordEntity>> {
    const qb = this.db.getRepository(ExchangeRecordEntity).createQueryBuilder('r');
    if (q.state) qb.andWhere('r.state = :state', { state: q.state });
    if (q.caseNo) qb.andWhere('r.case_no = :caseNo', { caseNo: q.caseNo });
    return paginate(qb, q, { by: 'r.created_at', direction: 'DESC' }, (r) => r);
  }
}
