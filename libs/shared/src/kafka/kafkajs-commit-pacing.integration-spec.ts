import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { TOPICS } from '../contracts/topics';
import { notAcceptedPayload } from '../testing/messaging-fixtures';
import { startTestServer } from '../testing/kafka-test-server';
import { TestProducer } from '../testing/produce';
import { testEnv } from '../testing/test-env';
import { waitFor } from '../testing/wait-for';
import { createKafka } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';

/**
 * The transport's offset commits against the real broker (kafkajs-commit-pacing.ts): a steady stream of
 * events is committed about once a second, not once per event; a consumer that fell quiet still commits
 * its last offsets; a graceful stop commits everything it handled, so the next member of the group gets
 * nothing twice.
 */
describe('offset commits once a second (real Kafka)', () => {
  const env = testEnv();
  const topic = TOPICS.APPLICATION_NOT_ACCEPTED;
  const producer = new TestProducer(env.kafkaBrokers);
  const admin = createKafka(env.kafkaBrokers, 'commit-pacing-test').admin();
  const tag = randomUUID().slice(0, 8);
  const groupId = `commit-pacing-${tag}`;
  const servers: KafkaEventServer[] = [];
  /** Per partition, the next offset after the last of this test's events handled. */
  const handledUpTo = new Map<number, number>();

  const publish = (label: string) =>
    producer.send(
      topic,
      `${tag}-${label}`,
      notAcceptedPayload(`33010020261126${label.padStart(6, '0')}`, `${tag}:${label}`),
    );

  const start = async () => {
    const seen: string[] = [];
    const commits: number[] = [];
    const server = await startTestServer(
      { brokers: env.kafkaBrokers, clientId: 'commit-pacing-test', groupId, fromBeginning: false },
      topic,
      (e) => {
        const [t, label] = e.payload.reason.split(':');
        if (t === tag) {
          seen.push(label);
          handledUpTo.set(e.partition, Math.max(handledUpTo.get(e.partition) ?? 0, Number(e.offset) + 1));
        }
        return Promise.resolve();
      },
    );
    servers.push(server);
    // The transport's own consumer (private): its commits are counted from kafkajs' instrumentation.
    const consumer = (server as unknown as { consumer: Consumer }).consumer;
    consumer.on(consumer.events.COMMIT_OFFSETS, () => commits.push(Date.now()));
    await waitFor(() => server.isConnected || undefined, { description: 'joined', timeoutMs: 30_000 });
    return { server, seen, commits };
  };

  /** Whether the group's committed offset covers every event of this test handled so far. */
  const committedAll = async (): Promise<boolean> => {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return [...handledUpTo].every(
      ([p, upTo]) => Number(t.partitions.find((x) => x.partition === p)?.offset ?? -1) >= upTo,
    );
  };

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await producer.close();
    await admin.disconnect();
  });

  it('commits a stream of events about once a second, the last ones when quiet, all of them on a stop', async () => {
    const a = await start();
    // The group's first position is the end of each partition when it joined: let that settle first.
    await new Promise((r) => setTimeout(r, 1500));
    a.commits.length = 0;

    // 30 events, one at a time, over about 2 s: kafkajs alone committed after every one of them.
    const began = Date.now();
    for (let i = 0; i < 30; i++) {
      await publish(String(10 + i));
      await waitFor(() => a.seen.length === i + 1 || undefined, { description: `event ${i} handled` });
      await new Promise((r) => setTimeout(r, 40));
    }
    const seconds = (Date.now() - began) / 1000;
    expect(a.commits.length).toBeGreaterThanOrEqual(1);
    expect(a.commits.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);

    // Quiet now: the last offsets are committed within the interval plus one fetch wait (5 s).
    await waitFor(async () => (await committedAll()) || undefined, {
      description: 'last offsets committed while idle',
      timeoutMs: 12_000,
    });

    // Three more, then a stop before the interval is over: the stop commits them.
    for (const label of ['41', '42', '43']) await publish(label);
    await waitFor(() => a.seen.length === 33 || undefined, { description: 'three more handled' });
    await a.server.close();
    expect(await committedAll()).toBe(true);

    // The next member of the group gets only what is new.
    const b = await start();
    await publish('50');
    await waitFor(() => b.seen.includes('50') || undefined, { description: 'new event handled' });
    await new Promise((r) => setTimeout(r, 500));
    expect(b.seen).toEqual(['50']);
  });
});
