import { randomUUID } from 'node:crypto';
import { Message } from 'kafkajs';
import { testEnv } from '../testing/test-env';
import { createProducer, unacknowledged } from './acknowledged-producer';
import { createKafka } from './kafka-connection';

/**
 * The platform's producer against the real broker: the partition its partitioner notes for each message is
 * the partition the message lands in, and a send over every partition of a topic resolves with each of them
 * acknowledged (the check that catches kafkajs#1303 raises no false alarm on a healthy cluster).
 */
describe('acknowledged producer (real Kafka)', () => {
  const env = testEnv();
  const kafka = createKafka(env.kafkaBrokers, 'acknowledged-producer-test');
  const admin = kafka.admin();
  const producer = createProducer(kafka);
  /** A topic of its own: its offsets move only with this test's messages. */
  const topic = `test.acknowledged-producer.${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  const ends = async () =>
    new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));

  it('sends every message to the partition it noted, and every partition acknowledges', async () => {
    const before = await ends();
    const messages: Message[] = Array.from({ length: 60 }, () => ({
      key: `3301002026112${randomUUID().replace(/\D/g, '').slice(0, 7)}`,
      value: JSON.stringify({ test: 'acknowledged-producer' }),
    }));
    const acks = await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
    const after = await ends();

    // Each partition grew by exactly the messages noted for it.
    const noted = new Map<number, number>();
    for (const m of messages) {
      const [missing] = unacknowledged([{ topic, messages: [m] }], []);
      const p = Number(missing.split('/').pop());
      noted.set(p, (noted.get(p) ?? 0) + 1);
    }
    expect(noted.size).toBeGreaterThan(1);
    for (const [p, end] of after) {
      expect(Number(end - (before.get(p) ?? 0n))).toBe(noted.get(p) ?? 0);
    }
    expect(unacknowledged([{ topic, messages }], acks)).toEqual([]);
    expect(new Set(acks.map((a) => a.partition))).toEqual(new Set(noted.keys()));
  });

  it('checks a single send too (send is sendBatch of one topic)', async () => {
    const m: Message = { key: `k-${randomUUID()}`, value: '{}' };
    const acks = await producer.send({ topic, acks: -1, messages: [m] });
    expect(acks).toHaveLength(1);
    expect(unacknowledged([{ topic, messages: [m] }], acks)).toEqual([]);
  });
});
