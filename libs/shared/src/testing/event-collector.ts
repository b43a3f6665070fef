import { randomUUID } from 'node:crypto';
import { Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';
import { waitFor } from './wait-for';

export interface CollectedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: unknown;
  raw: Buffer | null;
}

function toHeaders(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined) out[k] = Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
  }
  return out;
}

/** An independent test consumer (own group) that records every message of the given topics. */
export class EventCollector {
  readonly messages: CollectedMessage[] = [];
  private consumer?: Consumer;
  readonly kafka: Kafka;

  constructor(
    brokers: string[],
    private readonly topics: string[],
  ) {
    this.kafka = new Kafka({
      clientId: `test-collector-${randomUUID().slice(0, 8)}`,
      brokers,
      logLevel: logLevel.NOTHING,
    });
  }

  /** Starts at the END of each topic (only messages produced after start are seen). */
  async start(): Promise<void> {
    const groupId = `test-collector-${randomUUID()}`;
    this.consumer = this.kafka.consumer({ groupId });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: false });
    let joined = false;
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        let value: unknown = null;
        try {
          value = message.value ? JSON.parse(message.value.toString('utf8')) : null;
        } catch {
          value = message.value?.toString('utf8') ?? null;
        }
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          headers: toHeaders(message.headers),
          value,
          raw: message.value,
        });
        await Promise.resolve();
      },
    });
    await waitFor(() => joined, { timeoutMs: 30_000, description: 'test collector to join its group' });
    // Fix the starting position of every partition before tests produce anything.
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const offsets = await admin.fetchOffsets({ groupId, topics: this.topics });
          return offsets.length === this.topics.length;
        },
        { timeoutMs: 10_000, description: 'collector offsets' },
      ).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }

  find(topic: string, predicate: (m: CollectedMessage) => boolean = () => true): CollectedMessage[] {
    return this.messages.filter((m) => m.topic === topic && predicate(m));
  }

  async waitForMessage(
    topic: string,
    predicate: (m: CollectedMessage) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<CollectedMessage> {
    return waitFor(() => this.find(topic, predicate)[0], { timeoutMs, description: `a message on ${topic}` });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
