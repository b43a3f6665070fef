/**
 * kafkajs 2.2.4 commits a consumer's offsets after every batch it hands over, whatever `autoCommitInterval`
 * says: runner.js `handleBatch` ends with an unconditional `autoCommitOffsets()`. A fetched batch is mostly
 * one event here, so every consumed event cost an OffsetCommit request — an append to `__consumer_offsets`,
 * a response to wait for before the partition's next batch. A profile of the broker (JFR, during the
 * pipeline bench) put OffsetCommit at 19 % of its CPU, more than Produce (13 %) or Fetch (10 %).
 *
 * With the patch, a consumer that set an interval (or a threshold) commits as it asked:
 * - after a batch only when the interval has passed (kafkajs' own `commitOffsetsIfNecessary`), one commit
 *   at a time (the partitions handled at once all found the interval over together and each committed);
 * - after every fetch when the interval has passed, so a consumer that fell quiet still commits its last
 *   offsets within the interval plus one fetch wait;
 * - everything resolved before it gives its partitions up: before leaving the group (a graceful stop hands
 *   nothing over that it handled), and where kafkajs committed before a rethrown error (a rebalance noticed
 *   by the heartbeat, a handler's error that restarts the consumer).
 * Only handled messages are ever resolved, so what a crash leaves uncommitted (at most about an interval's
 * worth) is delivered again, and the inbox makes that harmless — as before for the message in flight.
 * Consumers without an interval or threshold (kafkajs' default) and without auto-commit are untouched.
 */
import { Method, Patchable, wrap } from './kafkajs-patch';

interface GroupLike {
  autoCommit: boolean;
  autoCommitInterval: number | null;
  autoCommitThreshold: number | null;
  commitOffsets(): Promise<void>;
  /** The interval commit in flight (set by the patch). */
  committing?: Promise<unknown>;
}

interface RunnerLike {
  autoCommit: boolean;
  consumerGroup: GroupLike;
  autoCommitOffsetsIfNecessary(): Promise<void> | undefined;
}

const paced = (g: GroupLike | null | undefined): g is GroupLike =>
  !!g &&
  g.autoCommit &&
  ((g.autoCommitInterval ?? null) !== null || (g.autoCommitThreshold ?? null) !== null);

/** The part of kafkajs' errors module the patch uses. */
export interface KafkajsErrors {
  /** The errors after which kafkajs' heartbeat commits and the group rejoins. */
  isRebalancing: (err: unknown) => boolean;
}

/** Commits everything resolved; a failure is left to kafkajs' next commit (the offsets stay resolved). */
const commitAll = (g: GroupLike): Promise<void> => g.commitOffsets().catch(() => undefined);

/** Patches kafkajs' Runner and ConsumerGroup; false (nothing changed) when their shape is not the one known. */
export function patchCommitPacing(
  Runner: Patchable<object>,
  ConsumerGroup: Patchable<object>,
  errors: KafkajsErrors,
): boolean {
  if (Runner.__govCommitPacing) return true;
  const run = Runner.prototype;
  const known =
    [
      'autoCommitOffsets',
      'autoCommitOffsetsIfNecessary',
      'heartbeat',
      'fetch',
      'processEachBatch',
      'processEachMessage',
    ].every((m) => typeof run[m] === 'function') &&
    typeof errors.isRebalancing === 'function' &&
    typeof ConsumerGroup.prototype.leave === 'function' &&
    typeof ConsumerGroup.prototype.commitOffsets === 'function' &&
    typeof ConsumerGroup.prototype.commitOffsetsIfNecessary === 'function' &&
    String(run.handleBatch).includes('await this.autoCommitOffsets()');
  if (!known) return false;

  const runner = Runner as Patchable<RunnerLike>;
  wrap(
    runner,
    'autoCommitOffsets',
    (orig) =>
      function (this: RunnerLike) {
        return paced(this.consumerGroup)
          ? Promise.resolve(this.autoCommitOffsetsIfNecessary())
          : orig.call(this);
      },
  );
  // Where kafkajs commits and then rethrows, the full commit it made is made here: a handler's error (any),
  // a heartbeat's only when it says the group is rebalancing (not when the coordinator is unreachable).
  const commitAllOnThrow =
    (when: (err: unknown) => boolean) =>
    (orig: Method<RunnerLike>): Method<RunnerLike> =>
      async function (this: RunnerLike, ...args: unknown[]): Promise<unknown> {
        try {
          return await orig.apply(this, args);
        } catch (err) {
          if (when(err) && paced(this.consumerGroup)) await commitAll(this.consumerGroup);
          throw err;
        }
      };
  wrap(runner, 'heartbeat', commitAllOnThrow(errors.isRebalancing));
  for (const handle of ['processEachBatch', 'processEachMessage'] as const) {
    wrap(
      runner,
      handle,
      commitAllOnThrow(() => true),
    );
  }
  wrap(
    runner,
    'fetch',
    (fetch) =>
      async function (this: RunnerLike, ...args: unknown[]): Promise<unknown> {
        const batches = await fetch.apply(this, args);
        if (paced(this.consumerGroup)) {
          await Promise.resolve(this.autoCommitOffsetsIfNecessary()).catch(() => undefined);
        }
        return batches;
      },
  );
  // Partitions handled at the same time (supervision: 32) all found the interval over at once and each
  // sent a commit: one at a time now, the others wait for the one in flight.
  wrap(
    ConsumerGroup as Patchable<GroupLike>,
    'commitOffsetsIfNecessary',
    (orig) =>
      function (this: GroupLike): Promise<unknown> {
        if (this.committing) return this.committing;
        const once = orig.call(this).finally(() => (this.committing = undefined));
        this.committing = once;
        return once;
      },
  );
  wrap(
    ConsumerGroup as Patchable<GroupLike>,
    'leave',
    (leave) =>
      async function (this: GroupLike, ...args: unknown[]): Promise<unknown> {
        if (paced(this)) await commitAll(this);
        return leave.apply(this, args);
      },
  );
  Runner.__govCommitPacing = true;
  return true;
}
