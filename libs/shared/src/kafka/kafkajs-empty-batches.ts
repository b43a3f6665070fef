/**
 * kafkajs 2.2.4 turns every partition of a fetch answer into a batch and hands each one, in turn, to the
 * runner's batch handler — the empty ones too, which only heartbeat (runner.js `handleBatch`). A fetch
 * names every partition the member holds (kafkajs has no incremental fetch sessions), so one event woke
 * supervision's group (28 topics × 6 partitions) into 168 queued batches, 167 of them empty; intake's into
 * 48. The runner's fetch now returns only the batches with something to handle: messages, or records
 * filtered out (control records, aborted transactions) whose offsets kafkajs must still resolve. When none
 * is left it heartbeats, as kafkajs does after an empty fetch.
 */

export interface BatchLike {
  isEmpty(): boolean;
  isEmptyDueToFiltering(): boolean;
}

interface FetchingRunner {
  heartbeat(): Promise<void>;
}

export interface RunnerClass {
  prototype: object;
  __govEmptyBatches?: true;
}

type Fetch = (this: FetchingRunner, ...args: unknown[]) => Promise<BatchLike[]>;

/** Wraps the runner's fetch; false (nothing changed) when kafkajs' Runner is not the shape this file knows. */
export function patchEmptyBatches(Runner: RunnerClass): boolean {
  if (Runner.__govEmptyBatches) return true;
  const proto = Runner.prototype as Record<string, unknown>;
  const fetch = proto.fetch as Fetch | undefined;
  if (typeof fetch !== 'function' || typeof proto.heartbeat !== 'function') return false;
  if (!String(proto.handleBatch).includes('isEmptyDueToFiltering')) return false;
  proto.fetch = async function (this: FetchingRunner, ...args: unknown[]): Promise<BatchLike[]> {
    const batches = await fetch.apply(this, args);
    const kept = batches.filter((b) => !b.isEmpty() || b.isEmptyDueToFiltering());
    if (kept.length === 0 && batches.length > 0) await this.heartbeat();
    return kept;
  };
  Runner.__govEmptyBatches = true;
  return true;
}
