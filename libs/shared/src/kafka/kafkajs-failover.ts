/**
 * Lets kafkajs 2.2.4 consumers follow a lost broker's duties to the brokers that take them over, without
 * waiting for their group session to expire (the three-broker chaos case measured a 8–10 s pause).
 *
 * kafkajs keeps the group coordinator it found at the last join and the leaders of its last metadata. When
 * the coordinator's broker dies, every heartbeat and offset commit fails on the dead connection until the
 * runner's retries are exhausted (~11 s), the consumer crashes and rejoins — by then the new coordinator
 * has expelled the member and the group rebalances. A heartbeat or commit that reaches a live broker which
 * is not (or not yet) the coordinator gets NOT_COORDINATOR, which kafkajs takes for a rebalance: it stops
 * every fetcher (waiting out their long polls, up to 5 s) and rejoins. When a partition leader dies,
 * fetches fail on it until the metadata ages out (5 min) or the consumer restarts. Small fixes, applied
 * once per process:
 * - a heartbeat or an offset commit whose coordinator is unreachable, moved or still loading the group
 *   looks the coordinator up again and retries a few times, briefly apart (the same member id and
 *   generation, so the group does not rebalance); the last failure goes to kafkajs as before;
 * - a fetch that cannot reach a leader refreshes the metadata after a short pause (the failed fetch is
 *   dropped; the next one asks the new leader);
 * - a fetch in flight ends early when the set of brokers changes, so kafkajs' restart of its per-broker
 *   fetchers does not wait out long polls (patchFetchRestart).
 * kafkajs is pinned (package.json); the shapes patched are checked first and left alone if they differ.
 */
import { Logger } from '@nestjs/common';
import { KafkajsErrors, patchCommitPacing } from './kafkajs-commit-pacing';
import { patchEmptyBatches } from './kafkajs-empty-batches';
import { patchRequestQueueIdleLoop, RequestQueueClass } from './kafkajs-idle-loop';
import { Patchable, wrap } from './kafkajs-patch';

interface BrokerLike {
  isConnected(): boolean;
}
interface ClusterLike {
  findGroupCoordinator(p: { groupId: string }): Promise<BrokerLike>;
  findBroker(p: { nodeId: number }): Promise<BrokerLike>;
  refreshMetadata(): Promise<void>;
}
interface ConsumerGroupLike {
  groupId: string;
  cluster: ClusterLike;
  coordinator: BrokerLike;
  offsetManager: { coordinator: BrokerLike } | null;
}
interface OffsetManagerLike {
  groupId: string;
  cluster: ClusterLike;
  coordinator: BrokerLike & { nodeId: number };
}
/** A connection to the broker failed (refused, reset, closed) — not a protocol answer from a live broker. */
export function isConnectionFailure(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'KafkaJSConnectionError' || name === 'KafkaJSConnectionClosedError';
}

/** Group errors that mean "ask the coordinator again": it moved, is not elected yet, or is loading the group. */
const COORDINATOR_MOVED = new Set([
  'NOT_COORDINATOR_FOR_GROUP',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
]);

/** The group's coordinator cannot answer now, but another broker (or this one, shortly) will. */
export function coordinatorMoved(e: unknown): boolean {
  return isConnectionFailure(e) || COORDINATOR_MOVED.has((e as { type?: string } | null)?.type ?? '');
}

/** Attempts at a heartbeat or commit when the coordinator moved, and the first pause between them (doubling). */
export const COORDINATOR_ATTEMPTS = 4;
export const COORDINATOR_PAUSE_MS = 250;

/** How long a fetch that could not reach its leader waits before asking for the new leaders. */
export const FETCH_RECOVERY_PAUSE_MS = 250;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a group request; when its coordinator moved, asks for the coordinator again and retries (a
 * connection failure at once, a live broker's "not the coordinator" or "loading" after a pause).
 */
async function followCoordinator<T>(call: () => Promise<T>, rediscover: () => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!coordinatorMoved(e) || attempt >= COORDINATOR_ATTEMPTS) throw e;
      if (!isConnectionFailure(e)) await sleep(COORDINATOR_PAUSE_MS * 2 ** (attempt - 1));
      await rediscover();
    }
  }
}

/** Applies the fixes to the given kafkajs classes (exported for the unit test). */
export function patchKafkajsFailover(
  ConsumerGroup: Patchable<ConsumerGroupLike>,
  OffsetManager: Patchable<OffsetManagerLike>,
): boolean {
  if (ConsumerGroup.__govFailover) return true;
  const rediscover = async (g: ConsumerGroupLike) => {
    g.coordinator = await g.cluster.findGroupCoordinator({ groupId: g.groupId });
    if (g.offsetManager) g.offsetManager.coordinator = g.coordinator;
  };
  const rediscoverForOffsets = async (m: OffsetManagerLike) => {
    m.coordinator = (await m.cluster.findGroupCoordinator({
      groupId: m.groupId,
    })) as OffsetManagerLike['coordinator'];
  };
  const ok =
    wrap(
      ConsumerGroup,
      'heartbeat',
      (orig) =>
        function (this: ConsumerGroupLike, ...args: unknown[]) {
          return followCoordinator(
            () => orig.apply(this, args),
            () => rediscover(this),
          );
        },
    ) &&
    wrap(
      ConsumerGroup,
      'recoverFromFetch',
      (orig) =>
        async function (this: ConsumerGroupLike, ...args: unknown[]) {
          if (!isConnectionFailure(args[0])) return orig.apply(this, args);
          await sleep(FETCH_RECOVERY_PAUSE_MS);
          await this.cluster.refreshMetadata();
          return undefined;
        },
    ) &&
    wrap(
      OffsetManager,
      'getCoordinator',
      (orig) =>
        async function (this: OffsetManagerLike, ...args: unknown[]) {
          try {
            return await orig.apply(this, args);
          } catch (e) {
            if (!isConnectionFailure(e)) throw e;
            await rediscoverForOffsets(this);
            return this.coordinator;
          }
        },
    ) &&
    wrap(
      OffsetManager,
      'commitOffsets',
      (orig) =>
        function (this: OffsetManagerLike, ...args: unknown[]) {
          return followCoordinator(
            () => orig.apply(this, args),
            () => rediscoverForOffsets(this),
          );
        },
    );
  ConsumerGroup.__govFailover = true;
  return ok;
}

interface RunnerLike {
  consumerGroup: { getNodeIds(): number[] };
}

/** How often a fetch waiting on a broker checks whether the cluster's brokers changed under it. */
export const NODE_SET_POLL_MS = 200;

const sameNodes = (a: number[], b: number[]) => a.length === b.length && a.every((n) => b.includes(n));

/**
 * kafkajs runs one fetcher per broker; when the set of brokers changes (one lost, or back), it stops every
 * fetcher and starts new ones, and stopping waits for each fetcher's fetch in flight — a long poll of up to
 * 5 s on an idle partition. So the pipeline stalled ~5 s after the leaders had already moved (chaos suite).
 * A fetch now ends early, empty, once the broker set differs from the one it started with: its fetcher
 * stops at once (or, if not being stopped, its next fetch starts the fetchers' rebalance). The late
 * response is dropped; the next fetch asks from the same offsets. A fetch whose batches are being handled
 * is not affected (that is the worker, not the fetch).
 */
export function patchFetchRestart(Runner: Patchable<RunnerLike>): boolean {
  if (Runner.__govFailover) return true;
  const ok = wrap(
    Runner,
    'fetch',
    (orig) =>
      function (this: RunnerLike, ...args: unknown[]) {
        const group = this.consumerGroup;
        const before = group.getNodeIds();
        let timer: NodeJS.Timeout | undefined;
        const changed = new Promise<unknown[]>((resolve) => {
          timer = setInterval(() => {
            if (!sameNodes(before, group.getNodeIds())) resolve([]);
          }, NODE_SET_POLL_MS);
          timer.unref();
        });
        // race() handles a late rejection of the dropped fetch too.
        return Promise.race([orig.apply(this, args), changed]).finally(() => clearInterval(timer));
      },
  );
  Runner.__govFailover = true;
  return ok;
}

let applied = false;

/**
 * Patches the kafkajs this process loaded, once: the failover fixes above, the request queue's idle loop
 * (kafkajs-idle-loop.ts), the runner's empty batches (kafkajs-empty-batches.ts) and its offset commits
 * (kafkajs-commit-pacing.ts).
 */
export function applyKafkajsPatches(): void {
  if (applied) return;
  applied = true;
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup') as Patchable<ConsumerGroupLike>;
    const OffsetManager = require('kafkajs/src/consumer/offsetManager') as Patchable<OffsetManagerLike>;
    const Runner = require('kafkajs/src/consumer/runner') as Patchable<RunnerLike>;
    const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
    const errors = require('kafkajs/src/errors') as KafkajsErrors;
    /* eslint-enable @typescript-eslint/no-require-imports */
    if (!patchKafkajsFailover(ConsumerGroup, OffsetManager) || !patchFetchRestart(Runner)) {
      new Logger('KafkaFailover').warn('kafkajs internals changed: broker failover fixes not applied');
    }
    if (!patchRequestQueueIdleLoop(RequestQueue)) {
      new Logger('KafkaFailover').warn(
        'kafkajs internals changed: the request queue idle-loop fix not applied',
      );
    }
    if (!patchEmptyBatches(Runner)) {
      new Logger('KafkaFailover').warn('kafkajs internals changed: empty batches are handled one by one');
    }
    if (!patchCommitPacing(Runner, ConsumerGroup, errors)) {
      new Logger('KafkaFailover').warn('kafkajs internals changed: offsets are committed after every batch');
    }
  } catch (err) {
    new Logger('KafkaFailover').warn(
      { err },
      'kafkajs internals not found: broker failover fixes not applied',
    );
  }
}
