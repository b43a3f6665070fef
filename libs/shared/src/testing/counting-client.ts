import type { Client } from 'pg';

/** Messages a pg client class sent to PostgreSQL (each a round trip), by every connection made from it. */
export interface SentCounter {
  sent: number;
}

/**
 * `Base` counting the messages it sends into `counter` (pass the result as the DataSource's
 * `extra.Client`): how tests prove that work costs the round trips it should.
 */
export function countingClient(Base: typeof Client, counter: SentCounter): typeof Client {
  return class CountingClient extends Base {
    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      // An own property: the preparing client installs its `query` per instance too.
      const query = this.query.bind(this) as (...a: unknown[]) => unknown;
      Object.defineProperty(this, 'query', {
        value: (...a: unknown[]) => {
          counter.sent++;
          return query(...a);
        },
      });
    }
  };
}
