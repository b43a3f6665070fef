import { EntityManager } from 'typeorm';

/**
 * Takes the transaction-scoped advisory lock `key` if nobody holds it (a number, or a name hashed by
 * PostgreSQL): true when this transaction now runs alone among the replicas until it ends; false when
 * another holds it (skip this run, never wait).
 */
export async function tryExclusive(em: EntityManager, key: number | string): Promise<boolean> {
  const [{ locked }] = await em.query<Array<{ locked: boolean }>>(
    typeof key === 'number'
      ? 'SELECT pg_try_advisory_xact_lock($1) AS locked'
      : 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
    [key],
  );
  return locked;
}
