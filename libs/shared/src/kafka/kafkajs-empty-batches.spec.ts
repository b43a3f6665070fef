import { BatchLike, patchEmptyBatches, RunnerClass } from './kafkajs-empty-batches';
import { silentKafkajsLogger } from '../testing/silent-kafkajs-logger';

type BatchClass = new (
  topic: string,
  fetchedOffset: string,
  data: object,
) => BatchLike & { partition: number };
interface Runner {
  running: boolean;
  fetch(nodeId: number): Promise<Array<BatchLike & { partition: number }>>;
}

/** kafkajs' own Runner and Batch, fresh module copies each time (the patch changes the Runner's prototype). */
function freshKafkajs(): { Runner: RunnerClass & (new (o: object) => Runner); Batch: BatchClass } {
  let mods: unknown;
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    mods = {
      Runner: require('kafkajs/src/consumer/runner'),
      Batch: require('kafkajs/src/consumer/batch'),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return mods as { Runner: RunnerClass & (new (o: object) => Runner); Batch: BatchClass };
}

const logger = silentKafkajsLogger;
const message = (offset: number, isControlRecord = false) => ({
  offset: String(offset),
  key: null,
  value: Buffer.from('x'),
  isControlRecord,
  headers: {},
});

function runnerFetching(Runner: new (o: object) => Runner, batches: BatchLike[]) {
  const heartbeats: number[] = [];
  const runner = new Runner({
    logger,
    consumerGroup: {
      fetch: () => Promise.resolve(batches),
      heartbeat: () => Promise.resolve(heartbeats.push(1)),
    },
    instrumentationEmitter: { emit: () => undefined },
    eachBatch: () => Promise.resolve(),
    heartbeatInterval: 3000,
    onCrash: () => undefined,
  });
  runner.running = true;
  return { runner, heartbeats };
}

describe('kafkajs empty batches (fetch answers only what has something to handle)', () => {
  it('drops empty partitions, keeps messages and batches whose records were all filtered out', async () => {
    const { Runner, Batch } = freshKafkajs();
    const empty = (p: number) =>
      new Batch('t', '10', { partition: p, highWatermark: '10', messages: [], abortedTransactions: [] });
    const full = new Batch('t', '10', {
      partition: 1,
      highWatermark: '12',
      messages: [message(10), message(11)],
      abortedTransactions: [],
    });
    const controlOnly = new Batch('t', '10', {
      partition: 2,
      highWatermark: '11',
      messages: [message(10, true)],
      abortedTransactions: [],
    });
    expect(controlOnly.isEmptyDueToFiltering()).toBe(true);
    const batches = [empty(0), full, controlOnly, ...Array.from({ length: 165 }, (_, i) => empty(i + 3))];

    const before = runnerFetching(Runner, batches);
    expect(await before.runner.fetch(1)).toHaveLength(168);

    expect(patchEmptyBatches(Runner)).toBe(true);
    expect(patchEmptyBatches(Runner)).toBe(true); // once
    const after = runnerFetching(Runner, batches);
    expect((await after.runner.fetch(1)).map((b) => b.partition)).toEqual([1, 2]);
    expect(after.heartbeats).toHaveLength(0); // the kept batches heartbeat when handled
  });

  it('heartbeats when every partition came back empty, as kafkajs does after an empty fetch', async () => {
    const { Runner, Batch } = freshKafkajs();
    patchEmptyBatches(Runner);
    const empties = Array.from(
      { length: 6 },
      (_, p) =>
        new Batch('t', '0', { partition: p, highWatermark: '0', messages: [], abortedTransactions: [] }),
    );
    const { runner, heartbeats } = runnerFetching(Runner, empties);
    expect(await runner.fetch(1)).toEqual([]);
    expect(heartbeats).toHaveLength(1);
    // An answer with no partitions at all: kafkajs' own fetch heartbeats (once, not twice).
    const none = runnerFetching(Runner, []);
    expect(await none.runner.fetch(1)).toEqual([]);
    expect(none.heartbeats).toHaveLength(1);
  });

  it('leaves a Runner of another shape alone', () => {
    const Other = {
      prototype: {
        fetch: () => Promise.resolve([]),
        heartbeat: () => Promise.resolve(),
        handleBatch: () => undefined,
      },
    };
    expect(patchEmptyBatches(Other)).toBe(false);
    expect(patchEmptyBatches({ prototype: {} })).toBe(false);
  });
});
