import { Kafka } from 'kafkajs';
import { ForwardSeek, SeekTarget } from './consumer-start';

/** A Kafka whose admin answers one committed position and one position by time, for partition 0. */
const fakeKafka = (committed: number, atTime: number) =>
  ({
    admin: () => ({
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      fetchOffsets: ({ topics }: { topics: string[] }) =>
        Promise.resolve(
          topics.map((topic) => ({ topic, partitions: [{ partition: 0, offset: String(committed) }] })),
        ),
      fetchTopicOffsetsByTimestamp: () => Promise.resolve([{ partition: 0, offset: String(atTime) }]),
    }),
  }) as unknown as Kafka;

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

describe('ForwardSeek', () => {
  const join = (kafka: Kafka, seek?: (t: SeekTarget) => void) => {
    const seeks: SeekTarget[] = [];
    const forward = new ForwardSeek(kafka, 'g', new Date(), seek ?? ((t) => seeks.push(t)));
    forward.onJoin({ t: [0] });
    return { forward, seeks };
  };

  it('seeks a partition committed before the time forward as soon as the lookup answers', async () => {
    const { forward, seeks } = join(fakeKafka(-1, 10));
    await settle();
    expect(seeks).toEqual([{ topic: 't', partition: 0, offset: '10' }]);
    // What the consumer had fetched before the seek landed is dropped; from the target on, handled.
    expect(await forward.skips('t', 0, '4')).toBe(true);
    expect(await forward.skips('t', 0, '10')).toBe(false);
    expect(seeks).toHaveLength(1);
  });

  it('a partition whose first message waits for the lookup: before the target, skipped and sought once', async () => {
    const { forward, seeks } = join(fakeKafka(-1, 10));
    const first = forward.skips('t', 0, '3');
    expect(await first).toBe(true);
    expect(await forward.skips('t', 0, '4')).toBe(true);
    expect(seeks).toEqual([{ topic: 't', partition: 0, offset: '10' }]);
  });

  it('a partition whose first message waits for the lookup and is the target: handled, never rewound over', async () => {
    const { forward, seeks } = join(fakeKafka(-1, 10));
    expect(await forward.skips('t', 0, '10')).toBe(false);
    await settle();
    expect(await forward.skips('t', 0, '11')).toBe(false);
    expect(seeks).toEqual([]);
  });

  it('leaves a partition committed past the time alone', async () => {
    const { forward, seeks } = join(fakeKafka(20, 10));
    await settle();
    expect(await forward.skips('t', 0, '20')).toBe(false);
    expect(seeks).toEqual([]);
  });

  it('a seek that fails (consumer stopping) still skips; the next join seeks again', async () => {
    const seeks: SeekTarget[] = [];
    let stopped = true;
    const { forward } = join(fakeKafka(-1, 10), (t) => {
      if (stopped) throw new Error('consumer stopped');
      seeks.push(t);
    });
    expect(await forward.skips('t', 0, '1')).toBe(true);
    stopped = false;
    forward.onJoin({ t: [0] });
    await settle();
    expect(seeks).toEqual([{ topic: 't', partition: 0, offset: '10' }]);
  });

  it('settles once a lookup under way has answered, or after its bound', async () => {
    let answer: () => void = () => undefined;
    const slow = {
      admin: () => ({
        connect: () => new Promise<void>((r) => (answer = r)),
        disconnect: () => Promise.resolve(),
        fetchOffsets: () => Promise.resolve([]),
        fetchTopicOffsetsByTimestamp: () => Promise.resolve([]),
      }),
    } as unknown as Kafka;
    const { forward } = join(slow);
    let settled = false;
    const done = forward.settle().then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    answer();
    await done;
    expect(settled).toBe(true);
    const stuck = join({
      admin: () => ({ connect: () => new Promise(() => undefined) }),
    } as unknown as Kafka);
    await expect(stuck.forward.settle(20)).resolves.toBeUndefined();
  });
});
