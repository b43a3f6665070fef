import { EntityManager } from 'typeorm';
import type { OutboxRelay } from '@app/shared/kafka';
import type { CaseRepository } from './repositories/case.repository';
import { tryExclusive } from '@app/shared/database';

/** The cases one sweep looks at: a query returning `case_no`, ending in `FOR UPDATE … SKIP LOCKED`. */
export interface SweepSelection {
  sql: string;
  params: unknown[];
}

/**
 * One run of a replica-safe sweep over cases, in one transaction: only the replica that takes the
 * transaction-scoped advisory lock `lock` runs (the others skip the run), the selected rows a request holds
 * are skipped (SKIP LOCKED), and `each` decides per case (true: acted on it). The relay is woken when
 * something was written. Returns the case numbers acted on.
 */
export async function sweepCases(
  cases: CaseRepository,
  relay: OutboxRelay,
  lock: string,
  select: SweepSelection,
  each: (em: EntityManager, caseNo: string) => Promise<boolean>,
): Promise<string[]> {
  const done = await cases.inTransaction(undefined, async (em) => {
    if (!(await tryExclusive(em, lock))) return [];
    const rows = await em.query<Array<{ case_no: string }>>(select.sql, select.params);
    const out: string[] = [];
    for (const { case_no } of rows) {
      if (await each(em, case_no)) out.push(case_no);
    }
    return out;
  });
  if (done.length > 0) relay.poke();
  return done;
}
