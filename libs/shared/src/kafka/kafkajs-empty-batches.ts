/**
 * kafkajs 2.2.4 turns every partition of a fetch answer into a batch and hands each one, in turn, to the
 * runner's batch handler — the empty ones too, which only heartbeat (runner.js `handleBatch`). A fetch
 * names every partition the member holds (kafkajs has no incremental fetch sessions), so one event woke
 * supervision's group (28 topics × 6 partitions) into 168 queued batches, 167 of them empty; intake's into
 * 48. The runner's fetch now returns only the batches with something to handle: messages, or records
 * filtered out (control records, aborted transactions) whose offsets kafkajs must still resolve. When none
 * is left it heartbeats, as kafkajs does after an empty fetch.
 */

import { Patchable, wrap } from './kafkajs-patch';

export interface BatchLike {
  isEmpty(): boolean;
  isEmptyDueToFiltering(): boolean;
}

interface FetchingRunner {
  heartbeat(): Promise<void>;
}

export type RunnerClass = Patchable<object>;

/** Wraps the runner's fetch; false (nothing changed) when kafkajs' Runner is not the shape this file knows. */
export function patchEmptyBatches(Runner: RunnerClass): boolean {
  if (Runner.__govEmptyBatches) return true;
  const proto = Runner.prototype;
  if (typeof proto.heartbeat !== 'function') return false;
  if (!String(proto.handleBatch).includes('isEmptyDueToFiltering')) return false;
  const ok = wrap(
    Runner,
    'fetch',
    (fetch) =>
      async function (this: object, ...args: unknown[]): Promise<BatchLike[]> {
        const batches = (await fetch.apply(this, args)) as BatchLike[];
        const kept = batches.filter((b) => !b.isEmpty() || b.isEmptyDueToFiltering());
        if (kept.length === 0 && batches.length > 0) await (this as FetchingRunner).heartbeat();
        return kept;
      },
  );
  if (ok) Runner.__govEmptyBatches = true;
  return ok;
}
