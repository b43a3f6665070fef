import type { QueryRunner } from 'typeorm';
import { sqlPrepared } from './prepared-statements';

/**
 * A transaction's `BEGIN` sent with its first statement, and its `COMMIT` with its last: one round trip each
 * instead of two (PostgreSQL's simple query protocol runs several statements from one message, in order,
 * stopping at the first error). Every round trip costs both processes CPU and a context switch each way,
 * whatever the statement does; the inbox and the outbox relay open one transaction per event and per
 * publishing round, so these two helpers save ~1.5 round trips per consumed event (docs/architecture.md).
 *
 * The simple protocol takes no parameters: values are inlined with `literal` (strings through pg's own
 * `escapeLiteral`, integers checked) — only for values the caller controls or has validated — as the
 * arguments of `EXECUTE` when the connection prepares statements (`prepared-statements.ts`), else into the
 * statement's text.
 *
 * TypeORM's runner is told that a transaction is open (as its `startTransaction` records it), so a
 * `save` inside does not open its own, and `commitTransaction` / `rollbackTransaction` end it as usual.
 */
interface PgClient {
  query(sql: string): Promise<PgResult | PgResult[]>;
  escapeLiteral(s: string): string;
}
interface PgResult {
  rows: unknown[];
}
/** What TypeORM's `startTransaction` records on its runner (the first is read-only in its typings). */
interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}
const state = (runner: QueryRunner) => runner as unknown as TransactionState;

export type SqlLiteral = string | number | null;

/** One value as SQL text: a quoted, escaped string, a safe integer, or NULL. */
export function literal(client: Pick<PgClient, 'escapeLiteral'>, v: SqlLiteral): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer literal: ${v}`);
    return String(v);
  }
  return client.escapeLiteral(v);
}

const PLACEHOLDER = /\$(\d+)/g;

/** The highest placeholder of `sql`, checked to have a value. */
function placeholders(sql: string, values: SqlLiteral[]): number {
  let max = 0;
  for (const [, n] of sql.matchAll(PLACEHOLDER)) {
    const i = Number(n);
    if (i < 1 || i > values.length) throw new Error(`no value for $${n}`);
    max = Math.max(max, i);
  }
  return max;
}

/**
 * The statement as simple-protocol text: `EXECUTE` of the text prepared on this connection
 * (`prepared-statements.ts`: parsed and planned once, not on every transaction), else the text with its
 * values inlined as literals.
 */
async function statementText(client: PgClient, sql: string, values: SqlLiteral[]): Promise<string> {
  const count = placeholders(sql, values);
  const name = await sqlPrepared(client, sql);
  if (name === undefined) {
    return sql.replace(PLACEHOLDER, (_, n: string) => literal(client, values[Number(n) - 1]));
  }
  if (count === 0) return `EXECUTE ${name}`;
  return `EXECUTE ${name}(${values
    .slice(0, count)
    .map((v) => literal(client, v))
    .join(', ')})`;
}

/**
 * Opens a transaction on `runner` (connecting it) with `sql` as its first statement; returns that
 * statement's rows. On an error the transaction is open and failed: roll it back (`rollbackTransaction`).
 */
export async function beginWith<T>(
  runner: QueryRunner,
  sql: string,
  values: SqlLiteral[] = [],
): Promise<T[]> {
  if (runner.isTransactionActive) throw new Error('beginWith: a transaction is already open on this runner');
  const client = (await runner.connect()) as PgClient;
  const text = `START TRANSACTION; ${await statementText(client, sql, values)}`;
  state(runner).transactionDepth = 1;
  state(runner).isTransactionActive = true;
  const results = await client.query(text);
  return (Array.isArray(results) ? results[1].rows : []) as T[];
}

/** Runs `sql` as the last statement of the runner's open transaction and commits, in one round trip. */
export async function commitWith(runner: QueryRunner, sql: string, values: SqlLiteral[] = []): Promise<void> {
  const tracked = state(runner);
  if (!tracked.isTransactionActive || tracked.transactionDepth !== 1) {
    throw new Error('commitWith: no top-level transaction open on this runner');
  }
  const client = (await runner.connect()) as PgClient;
  await client.query(`${await statementText(client, sql, values)}; COMMIT`);
  tracked.transactionDepth = 0;
  tracked.isTransactionActive = false;
}
