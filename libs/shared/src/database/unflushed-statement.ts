import { QueryFailedError } from 'typeorm';
import type { DataSource } from 'typeorm';
import { PgClient, PgResult, SqlLiteral, statementText } from './merged-transaction';

/**
 * Runs one statement as a transaction of its own that commits without waiting for its WAL to reach the disk
 * (`SET LOCAL synchronous_commit = off`), in one round trip; the statement's rows. For a counter whose
 * number a later, durable transaction uses (the 办件编号): its row lock is held for microseconds instead of
 * a whole caller's transaction, and a crash can lose only increments no surviving row used, since the WAL is
 * written in order (a transaction committed after it and flushed flushes it too). Never for a write that
 * must survive on its own. On an error the transaction is rolled back before the connection goes back to
 * the pool.
 */
export async function runUnflushed<T>(ds: DataSource, sql: string, values: SqlLiteral[] = []): Promise<T[]> {
  const runner = ds.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const text = await statementText(client, sql, values);
    let results: PgResult | PgResult[];
    try {
      results = await client.query(`START TRANSACTION; SET LOCAL synchronous_commit = off; ${text}; COMMIT`);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new QueryFailedError(sql, values, e as Error);
    }
    return (Array.isArray(results) ? results[2].rows : []) as T[];
  } finally {
    await runner.release();
  }
}
