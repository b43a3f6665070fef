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

  constructor(private readonly max: number) {}

  /** The name of `text`, or undefined once `max` texts have been named (that text then goes unnamed). */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.max) return known;
    const name = `s${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A pg `Client` class that sends the parameterized statements `names` names as named statements. */
export function preparingClient(names: StatementNames): typeof Client {
  return class PreparingClient extends Client {
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
