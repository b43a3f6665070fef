import { Client } from 'pg';

/** The table the write log keeps its entries in (in each service database; left out of the counts). */
export const WRITE_LOG = '_e2e_writes';

/** `service.table` → number of rows, for every table of the public schema of each database. */
export type RowCounts = Record<string, number>;

/** Exact row counts (count(*), not statistics) of every table in each database. */
export async function rowCounts(dbs: Record<string, { url: string }>): Promise<RowCounts> {
  const out: RowCounts = {};
  await Promise.all(
    Object.entries(dbs).map(async ([service, db]) => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      try {
        const tables = await c.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1
            ORDER BY table_name`,
          [WRITE_LOG],
        );
        for (const { table_name: t } of tables.rows) {
          const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`);
          out[`${service}.${t}`] = Number(r.rows[0].n);
        }
      } finally {
        await c.end();
      }
    }),
  );
  return out;
}

/** The tables whose counts differ between two snapshots: `table: before → after`. */
export function countChanges(before: RowCounts, after: RowCounts): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[k] !== after[k]) changes[k] = `${before[k]} → ${after[k]}`;
  }
  return changes;
}

/**
 * Installs, in each database, a row trigger on every table that logs `(transaction id, table, operation)`
 * into WRITE_LOG, inside the writing transaction (a rolled-back write leaves no entry). Lets a test tell
 * who wrote: a Kafka consumer's transaction also inserts into processed_events (inbox), the outbox
 * relay's only updates outbox; any other transaction was an HTTP request's.
 */
export async function installWriteLog(dbs: Record<string, { url: string }>): Promise<void> {
  await Promise.all(
    Object.values(dbs).map(async (db) => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      try {
        await c.query(`
          CREATE TABLE IF NOT EXISTS ${WRITE_LOG} (
            id bigserial PRIMARY KEY, txid bigint NOT NULL DEFAULT txid_current(),
            tbl text NOT NULL, op text NOT NULL)`);
        await c.query(`
          CREATE OR REPLACE FUNCTION ${WRITE_LOG}_fn() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN INSERT INTO ${WRITE_LOG} (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
        const tables = await c.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1`,
          [WRITE_LOG],
        );
        for (const { table_name: t } of tables.rows) {
          const q = `"${t.replace(/"/g, '""')}"`;
          await c.query(`DROP TRIGGER IF EXISTS ${WRITE_LOG}_tr ON ${q}`);
          await c.query(
            `CREATE TRIGGER ${WRITE_LOG}_tr AFTER INSERT OR UPDATE OR DELETE ON ${q}
               FOR EACH ROW EXECUTE FUNCTION ${WRITE_LOG}_fn()`,
          );
        }
      } finally {
        await c.end();
      }
    }),
  );
}

export interface WriteLogMark {
  [service: string]: number;
}

/** The last entry of each database's write log (a point to read from later). */
export async function writeLogMark(dbs: Record<string, { url: string }>): Promise<WriteLogMark> {
  const mark: WriteLogMark = {};
  await Promise.all(
    Object.entries(dbs).map(async ([service, db]) => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      try {
        const r = await c.query<{ id: string | null }>(`SELECT max(id) AS id FROM ${WRITE_LOG}`);
        mark[service] = Number(r.rows[0].id ?? 0);
      } finally {
        await c.end();
      }
    }),
  );
  return mark;
}

/**
 * The writes since `mark` by transactions that were neither a consumer's (no processed_events insert)
 * nor the outbox relay's (only outbox updates): `service.table op` → rows; and the tables consumers wrote.
 */
export async function requestWritesSince(
  dbs: Record<string, { url: string }>,
  mark: WriteLogMark,
): Promise<{
  requestWrites: Record<string, number>;
  consumerTransactions: number;
  consumerTables: Set<string>;
}> {
  const requestWrites: Record<string, number> = {};
  const consumerTables = new Set<string>();
  let consumerTransactions = 0;
  await Promise.all(
    Object.entries(dbs).map(async ([service, db]) => {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      try {
        const r = await c.query<{ txid: string; tbl: string; op: string }>(
          // Every entry of each transaction that wrote after the mark, also its entries from before the mark
          // (a consumer's transaction may start before and commit after it: a licence takes a while).
          `SELECT txid, tbl, op FROM ${WRITE_LOG}
            WHERE txid IN (SELECT txid FROM ${WRITE_LOG} WHERE id > $1) ORDER BY id`,
          [mark[service] ?? 0],
        );
        const byTx = new Map<string, Array<{ tbl: string; op: string }>>();
        for (const row of r.rows) byTx.set(row.txid, [...(byTx.get(row.txid) ?? []), row]);
        for (const writes of byTx.values()) {
          if (writes.some((w) => w.tbl === 'processed_events')) {
            consumerTransactions++;
            for (const w of writes) consumerTables.add(`${service}.${w.tbl}`);
            continue;
          }
          if (writes.every((w) => w.tbl === 'outbox' && w.op === 'UPDATE')) continue;
          for (const w of writes) {
            const k = `${service}.${w.tbl} ${w.op}`;
            requestWrites[k] = (requestWrites[k] ?? 0) + 1;
          }
        }
      } finally {
        await c.end();
      }
    }),
  );
  return { requestWrites, consumerTransactions, consumerTables };
}
