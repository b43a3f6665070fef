import { prepareValue } from 'pg/lib/utils';
import { QueryFailedError } from 'typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
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
export interface PgClient {
  query(sql: string): Promise<PgResult | PgResult[]>;
  escapeLiteral(s: string): string;
}
export interface PgResult {
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
export async function statementText(client: PgClient, sql: string, values: SqlLiteral[]): Promise<string> {
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
  const text = await statementText(client, sql, values);
  state(runner).transactionDepth = 1;
  state(runner).isTransactionActive = true;
  return (await sendWithBegin(client, text)).rows as T[];
}

type PgStatementResult = PgResult & { command?: string; rowCount?: number | null };

/** `START TRANSACTION` and one statement in one message; the statement's result. */
async function sendWithBegin(client: PgClient, statement: string): Promise<PgStatementResult> {
  const results = await client.query(`START TRANSACTION; ${statement}`);
  return Array.isArray(results) ? results[1] : { rows: [] };
}

/**
 * Sends `statements` (after `START TRANSACTION` when `begin`) and `COMMIT` in one message, then records the
 * top-level transaction as ended. On an error the transaction stays open (and failed) to be rolled back.
 */
async function sendAndCommit(
  runner: QueryRunner,
  statements: Array<[string, SqlLiteral[]]>,
  begin: boolean,
): Promise<void> {
  const client = (await runner.connect()) as PgClient;
  const texts: string[] = begin ? ['START TRANSACTION'] : [];
  for (const [sql, values] of statements) texts.push(await statementText(client, sql, values));
  await client.query(`${texts.join('; ')}; COMMIT`);
  state(runner).transactionDepth = 0;
  state(runner).isTransactionActive = false;
}

/** Whether the runner has a top-level transaction open (else `caller` refuses). */
function assertTopLevel(runner: QueryRunner, caller: string): void {
  const tracked = state(runner);
  if (!tracked.isTransactionActive || tracked.transactionDepth !== 1) {
    throw new Error(`${caller}: no top-level transaction open on this runner`);
  }
}

/** Runs `sql` as the last statement of the runner's open transaction and commits, in one round trip. */
export async function commitWith(runner: QueryRunner, sql: string, values: SqlLiteral[] = []): Promise<void> {
  assertTopLevel(runner, 'commitWith');
  await sendAndCommit(runner, [[sql, values]], false);
}

/**
 * Statements held back until their transaction commits, then sent in the COMMIT's message (`deferToCommit`):
 * registered for the top-level transactions of `runInTransaction` and of the inbox, whose owners commit
 * with `commitDeferred`. A transaction opened any other way has no entry: its statements run at once.
 */
const deferred = new WeakMap<QueryRunner, Array<[string, SqlLiteral[]]>>();

/** Lets the runner's open top-level transaction hold statements back for its commit (`commitDeferred`). */
export function acceptDeferred(runner: QueryRunner): void {
  deferred.set(runner, []);
}

/**
 * Holds `sql` back to be sent with the COMMIT of `em`'s transaction (one round trip for it and the commit)
 * and returns true; false when that transaction does not hold statements back — not opened by an owner that
 * sends them, or inside a savepoint (`em.transaction` nested), whose rollback must undo the statement — and
 * the caller must run it now (so also for a binary value). Values are bound as pg would bind them (their
 * text forms, `prepareValue`). For writes nothing later in the transaction reads; an error it raises fails
 * the commit, and the transaction rolls back as a whole.
 */
export function deferToCommit(em: EntityManager, sql: string, values: unknown[]): boolean {
  const runner = em.queryRunner;
  const list = runner ? deferred.get(runner) : undefined;
  if (!runner || !list || state(runner).transactionDepth !== 1) return false;
  const texts = textParameters(values);
  if (texts === undefined) return false;
  placeholders(sql, texts);
  list.push([sql, texts]);
  return true;
}

/**
 * Commits the runner's top-level transaction with its deferred statements in the same message. When a
 * statement fails, the transaction stays open (and failed) for the caller to roll back.
 */
export async function commitDeferred(runner: QueryRunner): Promise<void> {
  assertTopLevel(runner, 'commitDeferred');
  const list = deferred.get(runner) ?? [];
  const lazy = pendingBegin.delete(runner);
  deferred.delete(runner);
  if (list.length > 0) return sendAndCommit(runner, list, lazy);
  if (!lazy) return runner.commitTransaction();
  // Nothing was sent: there is no transaction on the server to commit.
  state(runner).transactionDepth = 0;
  state(runner).isTransactionActive = false;
}

/** Runners whose transaction is open for TypeORM but whose `START TRANSACTION` is not sent yet. */
const pendingBegin = new WeakSet<QueryRunner>();

/** pg's text form of a bound value (what the extended protocol would send), or undefined for binary ones. */
function textParameters(values: unknown[] | undefined): SqlLiteral[] | undefined {
  const out: SqlLiteral[] = [];
  for (const v of values ?? []) {
    const p: unknown = prepareValue(v);
    if (p !== null && typeof p !== 'string') return undefined;
    out.push(p);
  }
  return out;
}

/**
 * Opens a transaction on the runner whose `START TRANSACTION` goes with its first statement: TypeORM is
 * told the transaction is open (so a `save` does not open its own), and the first query the runner sends
 * carries the BEGIN in the same message — its values inlined as pg's own text forms (an unknown-typed
 * literal, typed by its context as a bound parameter is); a query with a binary value, or one TypeORM wants
 * its structured result of, gets its own BEGIN first. Until then nothing is sent; `commitDeferred` and
 * `rollbackLazy` know whether anything was.
 */
export function beginLazily(runner: QueryRunner): void {
  if (runner.isTransactionActive) {
    throw new Error('beginLazily: a transaction is already open on this runner');
  }
  state(runner).transactionDepth = 1;
  state(runner).isTransactionActive = true;
  pendingBegin.add(runner);
  const original = runner.query.bind(runner) as (
    sql: string,
    parameters?: unknown[],
    structured?: boolean,
  ) => Promise<unknown>;
  // The first query sends the BEGIN; queries issued while it is under way (work running queries
  // concurrently on one runner) wait for it, so none of them can run outside the transaction. Once the
  // BEGIN is sent — also by `commitDeferred`, with the held-back statements — queries go as they are (the
  // ROLLBACK of a commit that failed must not be sent as a transaction's first statement).
  let begun: Promise<unknown> | undefined;
  (runner as { query: typeof original }).query = async (sql, parameters, structured) => {
    if (!pendingBegin.has(runner)) {
      await begun?.catch(() => undefined);
      return original(sql, parameters, structured);
    }
    pendingBegin.delete(runner);
    begun = beginWithFirst(runner, original, sql, parameters, structured);
    return begun;
  };
}

/** The first query of a `beginLazily` transaction, with `START TRANSACTION` in its message where it can. */
async function beginWithFirst(
  runner: QueryRunner,
  original: (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>,
  sql: string,
  parameters: unknown[] | undefined,
  structured: boolean | undefined,
): Promise<unknown> {
  const client = (await runner.connect()) as PgClient;
  const values = structured ? undefined : textParameters(parameters);
  let text: string | undefined;
  try {
    if (values !== undefined) text = await statementText(client, sql, values);
  } catch {
    // Not expressible as text (a placeholder without its value): TypeORM reports it as it would.
  }
  if (text === undefined) {
    await client.query('START TRANSACTION');
    return original(sql, parameters, structured);
  }
  try {
    const raw = await sendWithBegin(client, text);
    // TypeORM's answer to a plain query: the rows, and for UPDATE / DELETE the rows with the count.
    return raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows;
  } catch (e) {
    throw new QueryFailedError(sql, parameters, e as Error);
  }
}

/** Rolls back a transaction opened by `beginLazily` (or any other way): only what was sent is undone. */
export async function rollbackLazy(runner: QueryRunner): Promise<void> {
  deferred.delete(runner);
  if (pendingBegin.delete(runner)) {
    state(runner).transactionDepth = 0;
    state(runner).isTransactionActive = false;
    return;
  }
  if (runner.isTransactionActive) await runner.rollbackTransaction();
}

/**
 * Runs `work` in a transaction of its own whose BEGIN goes with its first statement and whose COMMIT
 * carries the statements held back for it (`deferToCommit`: the outbox rows): two round trips fewer than
 * `DataSource.transaction`, same semantics (commits when `work` resolves, rolls back when it throws).
 */
export async function runInTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = ds.createQueryRunner();
  try {
    beginLazily(runner);
    acceptDeferred(runner);
    const result = await work(runner.manager);
    await commitDeferred(runner);
    return result;
  } catch (e) {
    await rollbackLazy(runner).catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
}
