import type { EachBatchPayload, EachMessagePayload, KafkaMessage } from 'kafkajs';
import { BatchHandling, consumeBatch } from './batch-consumption';

/** A fetched batch of `n` messages (offsets 0..n-1) whose resolved offsets and staleness the test sees. */
const fetched = (n: number, staleAfter = Infinity) => {
  const resolved: string[] = [];
  let handled = 0;
  const payload = {
    batch: {
      topic: 't',
      partition: 0,
      messages: Array.from({ length: n }, (_, i) => ({ offset: String(i) }) as KafkaMessage),
    },
    resolveOffset: (o: string) => resolved.push(o),
    heartbeat: () => Promise.resolve(),
    pause: () => () => undefined,
    commitOffsetsIfNecessary: () => Promise.resolve(),
    isRunning: () => true,
    isStale: () => handled >= staleAfter,
  } as unknown as EachBatchPayload;
  return { payload, resolved, count: () => handled++ };
};

const handling = (over: Partial<BatchHandling>, count: () => number): BatchHandling => ({
  max: 3,
  scope: (fn) => fn(),
  skips: () => Promise.resolve(false),
  dispatch: () => Promise.resolve(void count()),
  one: () => Promise.resolve(void count()),
  ...over,
});

describe('consumeBatch', () => {
  it('handles chunks of at most max together and resolves every offset in order', async () => {
    const f = fetched(7);
    const scopes: number[] = [];
    let inScope = 0;
    await consumeBatch(
      f.payload,
      handling(
        {
          scope: async (fn) => {
            inScope = 0;
            const r = await fn();
            scopes.push(inScope);
            return r;
          },
          dispatch: () => Promise.resolve(void (inScope++, f.count())),
        },
        f.count,
      ),
    );
    expect(scopes).toEqual([3, 3, 1]); // a chunk of one message too: the scope groups it with other partitions'
    expect(f.resolved).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });

  it('a chunk that fails is handled again one by one, and nothing of the failed attempt is resolved early', async () => {
    const f = fetched(3);
    const one: string[] = [];
    await consumeBatch(
      f.payload,
      handling(
        {
          dispatch: (p: EachMessagePayload) =>
            p.message.offset === '1' ? Promise.reject(new Error('boom')) : Promise.resolve(),
          one: (p) => Promise.resolve(void one.push(p.message.offset)),
        },
        f.count,
      ),
    );
    expect(one).toEqual(['0', '1', '2']);
    expect(f.resolved).toEqual(['0', '1', '2']);
  });

  it('stops at once when the partition was sought elsewhere (stale): later messages are neither handled nor resolved', async () => {
    const f = fetched(6, 2);
    await consumeBatch(f.payload, handling({ max: 10 }, f.count));
    expect(f.resolved).toEqual(['0', '1']);
  });
});
