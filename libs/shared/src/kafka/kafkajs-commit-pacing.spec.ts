import { KafkajsErrors, patchCommitPacing } from './kafkajs-commit-pacing';
import { Patchable } from './kafkajs-patch';
import { silentKafkajsLogger } from '../testing/silent-kafkajs-logger';

interface Runner {
  running: boolean;
  handleBatch(batch: object): Promise<void>;
  heartbeat(): Promise<void>;
}
type RunnerCtor = Patchable<object> & (new (o: object) => Runner);
type GroupCtor = Patchable<object> & { prototype: { leave(this: object): Promise<void> } };

/** kafkajs' own Runner, Batch and ConsumerGroup, fresh module copies (the patch changes their prototypes). */
function freshKafkajs() {
  let mods: unknown;
  jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    mods = {
      Runner: require('kafkajs/src/consumer/runner'),
      Batch: require('kafkajs/src/consumer/batch'),
      ConsumerGroup: require('kafkajs/src/consumer/consumerGroup'),
      errors: require('kafkajs/src/errors'),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return mods as {
    Runner: RunnerCtor;
    Batch: new (topic: string, fetchedOffset: string, data: object) => object;
    ConsumerGroup: GroupCtor;
    errors: KafkajsErrors;
  };
}

const logger = silentKafkajsLogger;

/** A consumer group that counts commits; `commitOffsetsIfNecessary` keeps kafkajs' interval rule. */
function group(interval: number | null) {
  const g = {
    autoCommit: true,
    autoCommitInterval: interval,
    autoCommitThreshold: null,
    lastCommit: Date.now(),
    commits: 0,
    failHeartbeat: '' as string,
    commitOffsets() {
      g.commits++;
      g.lastCommit = Date.now();
      return Promise.resolve();
    },
    commitOffsetsIfNecessary() {
      return interval !== null && Date.now() >= g.lastCommit + interval
        ? g.commitOffsets()
        : Promise.resolve();
    },
    heartbeat: () =>
      g.failHeartbeat
        ? Promise.reject(Object.assign(new Error('heartbeat failed'), { type: g.failHeartbeat }))
        : Promise.resolve(),
    resolveOffset: () => undefined,
    hasSeekOffset: () => false,
    isPaused: () => false,
    fetch: () => Promise.resolve([]),
  };
  return g;
}

function runner(Runner: RunnerCtor, g: ReturnType<typeof group>, handler: () => Promise<void>) {
  const r = new Runner({
    logger,
    consumerGroup: g,
    instrumentationEmitter: { emit: () => undefined },
    eachMessage: handler,
    autoCommit: true,
    heartbeatInterval: 3000,
    onCrash: () => undefined,
  });
  r.running = true;
  return r;
}

describe('kafkajs commit pacing (offsets committed at the consumer interval)', () => {
  const batchOf = (Batch: ReturnType<typeof freshKafkajs>['Batch'], offset: number) =>
    new Batch('t', String(offset), {
      partition: 0,
      highWatermark: String(offset + 1),
      messages: [{ offset: String(offset), key: null, value: Buffer.from('x'), headers: {} }],
      abortedTransactions: [],
    });

  it('kafkajs alone commits after every batch; patched, once the interval has passed', async () => {
    const { Runner, Batch, ConsumerGroup, errors } = freshKafkajs();
    const before = group(1000);
    const r0 = runner(Runner, before, () => Promise.resolve());
    for (let i = 0; i < 5; i++) await r0.handleBatch(batchOf(Batch, i));
    expect(before.commits).toBe(5);

    expect(patchCommitPacing(Runner, ConsumerGroup, errors)).toBe(true);
    expect(patchCommitPacing(Runner, ConsumerGroup, errors)).toBe(true); // once
    const after = group(1000);
    const r1 = runner(Runner, after, () => Promise.resolve());
    for (let i = 0; i < 5; i++) await r1.handleBatch(batchOf(Batch, i));
    expect(after.commits).toBe(0);
    after.lastCommit -= 1000;
    await r1.handleBatch(batchOf(Batch, 5));
    expect(after.commits).toBe(1);

    // Without an interval (kafkajs' default) nothing changes.
    const unpaced = group(null);
    const r2 = runner(Runner, unpaced, () => Promise.resolve());
    for (let i = 0; i < 3; i++) await r2.handleBatch(batchOf(Batch, i));
    expect(unpaced.commits).toBe(3);
  });

  it('commits everything before a rethrown error and before leaving the group', async () => {
    const { Runner, Batch, ConsumerGroup, errors } = freshKafkajs();
    patchCommitPacing(Runner, ConsumerGroup, errors);
    const g = group(60_000);
    const failing = runner(Runner, g, () => Promise.reject(new Error('handler failed')));
    await expect(failing.handleBatch(batchOf(Batch, 0))).rejects.toThrow('handler failed');
    expect(g.commits).toBe(1);

    g.failHeartbeat = 'REBALANCE_IN_PROGRESS';
    await expect(runner(Runner, g, () => Promise.resolve()).heartbeat()).rejects.toThrow('heartbeat');
    expect(g.commits).toBe(2);
    // A coordinator out of reach is no rebalance: no commit to it (kafkajs makes none either).
    g.failHeartbeat = 'KafkaJSConnectionError';
    await expect(runner(Runner, g, () => Promise.resolve()).heartbeat()).rejects.toThrow('heartbeat');
    expect(g.commits).toBe(2);

    const left: string[] = [];
    const member = {
      ...g,
      memberId: 'm-1',
      groupId: 'g',
      coordinator: { leaveGroup: () => Promise.resolve(left.push('left')) },
    };
    await ConsumerGroup.prototype.leave.call(member);
    expect(g.commits).toBe(3);
    expect(left).toEqual(['left']);
  });

  it('sends one interval commit at a time: partitions finishing together share it', async () => {
    const { Runner, ConsumerGroup, errors } = freshKafkajs();
    patchCommitPacing(Runner, ConsumerGroup, errors);
    let sent = 0;
    let answer: () => void = () => undefined;
    const member = {
      offsetManager: {
        commitOffsetsIfNecessary: () => {
          sent++;
          return new Promise<void>((r) => (answer = r));
        },
      },
    };
    const proto = ConsumerGroup.prototype as unknown as {
      commitOffsetsIfNecessary(this: object): Promise<void>;
    };
    const together = Array.from({ length: 32 }, () => proto.commitOffsetsIfNecessary.call(member));
    expect(sent).toBe(1);
    answer();
    await Promise.all(together);
    const next = proto.commitOffsetsIfNecessary.call(member); // the first one answered: a new commit
    expect(sent).toBe(2);
    answer();
    await next;
  });

  it('leaves classes of another shape alone', () => {
    const { ConsumerGroup, errors } = freshKafkajs();
    const Other = { prototype: { fetch: () => Promise.resolve([]), handleBatch: () => undefined } };
    expect(patchCommitPacing(Other, ConsumerGroup, errors)).toBe(false);
  });
});
