import { Client, type QueryConfig } from 'pg';

/**
 * Named prepared statements for the parameterized SQL a service repeats: PostgreSQL parses and plans an
 * unnamed statement again on every execution, and for the hot statements here (a case read with its life
 * probe, supervision's upserts, the relay's lock-and-read) planning cost more than executing: 0.2–0.5 ms of
 * the server's CPU each (pg_stat_statements, track_planning, during `bench:pipeline`). A named statement is
 * parsed once per connection; after five executions PostgreSQL keeps its generic plan when that plan costs
 * no more than the custom ones (`plan_cache_mode = auto`), so later executions skip planning too.
 *
 * A statement's name is given by its text, process-wide (`s1`, `s2`, …), the first `max` distinct texts
 * only: generated SQL with a varying shape (`IN ($1, $2, …)` of any length) cannot grow the map or the
 * server's per-connection statement cache without bound. Statements without parameters (DDL, the
 * simple-protocol strings of `merged-transaction.ts`) are sent as before.
 *
 * Handed to pg's pool as its `Client` (TypeORM's `extra`), so it applies to the service's data source and
 * nothing else. Incompatible with a transaction-pooling PgBouncer older than 1.21: set
 * `DATABASE_PREPARED_STATEMENTS=0` there.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(
    readonly max: number,
    private readonly prefix = 's',
  ) {}

  /** The name of `text`, or undefined once `max` texts have been named (that text then goes unnamed). */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.max) return known;
    const name = `${this.prefix}${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** What a preparing client knows of the statements its connection has PREPAREd in SQL. */
interface SqlPrepared {
  names: StatementNames;
  done: Set<string>;
}
const SQL_PREPARED = Symbol('sqlPrepared');

/**
 * A pg `Client` class that sends the parameterized statements `names` names as named statements.
 * `sqlNames` (prefix `m`: SQL `PREPARE` shares the session's namespace with the protocol's named
 * statements) names the texts `sqlPrepared` prepares for simple-protocol messages.
 */
export function preparingClient(
  names: StatementNames,
  sqlNames = new StatementNames(names.max, 'm'),
): typeof Client {
  return class PreparingClient extends Client {
    readonly [SQL_PREPARED]: SqlPrepared = { names: sqlNames, done: new Set() };

    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      const query = (Client.prototype.query as Query).bind(this);
      // pg's `query` has a dozen overloads; the one rewritten is (text, values[], callback?), as TypeORM
      // and pg's pool call it.
      (this as unknown as { query: Query }).query = (config, values, callback) => {
        if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
          const name = names.nameOf(config);
          const named: QueryConfig | undefined =
            name === undefined ? undefined : { name, text: config, values };
          if (named) return query(named, callback);
        }
        return query(config, values, callback);
      };
    }
  };
}

/**
 * For the simple-protocol messages of `merged-transaction.ts` (`START TRANSACTION; EXECUTE m1(…)`): the name
 * under which `text` is prepared on this client's connection, sending `PREPARE` first (its own round trip,
 * once per connection and text). Undefined when the client does not prepare (a plain pg client, or
 * `DATABASE_PREPARED_STATEMENTS=0`) or the bound is reached: the caller then sends the text itself.
 * A prepared statement outlives the transaction it was prepared in, rolled back or not.
 */
export async function sqlPrepared(
  client: { query(text: string): Promise<unknown> },
  text: string,
): Promise<string | undefined> {
  const state = (client as { [SQL_PREPARED]?: SqlPrepared })[SQL_PREPARED];
  const name = state?.names.nameOf(text);
  if (state === undefined || name === undefined) return undefined;
  if (!state.done.has(name)) {
    await client.query(`PREPARE ${name} AS ${text}`);
    state.done.add(name);
  }
  return name;
}
