import type { DataSource, EntityManager } from 'typeorm';

/**
 * Operator actions on the exchange's delivery state, shared by the admin API and `npm run ops --
 * exchange:dead | exchange:replay` (scripts/ops.ts), which run them straight on the gateway's database.
 */

export interface DeadRecord {
  id: string;
  caseNo: string;
  kind: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deadAt: Date;
}

export async function listDeadRecords(db: DataSource | EntityManager, limit = 500): Promise<DeadRecord[]> {
  const rows = await db.query<
    Array<{
      id: string;
      case_no: string;
      kind: string;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
      dead_at: Date;
    }>
  >(
    `SELECT id, case_no, kind, attempts, last_status, last_error, dead_at FROM exchange_records
      WHERE state = 'DEAD' ORDER BY dead_at, pos LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    kind: r.kind,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    deadAt: r.dead_at,
  }));
}

/**
 * Queues records again, due now with a fresh attempt count: one record by id (dead or delivered — a
 * delivered one is pushed again with the same row_guid), or every dead record (`all-dead`), optionally of
 * one case. The records behind a replayed one in its case follow it in order. Returns how many.
 */
export async function replayExchangeRecords(
  db: DataSource | EntityManager,
  which: { id: string } | { allDead: true; caseNo?: string },
): Promise<number> {
  const byId = 'id' in which;
  const [, count] = await db.query<[unknown[], number]>(
    `UPDATE exchange_records
        SET state = 'PENDING', attempts = 0, next_attempt_at = now(), dead_at = NULL, replays = replays + 1
      WHERE ${byId ? `id = $1 AND state IN ('DEAD', 'DELIVERED')` : `state = 'DEAD' AND ($1::varchar IS NULL OR case_no = $1)`}`,
    [byId ? which.id : (which.caseNo ?? null)],
  );
  return count;
}
