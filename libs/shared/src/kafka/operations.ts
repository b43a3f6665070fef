import { randomUUID } from 'node:crypto';
import { IHeaders, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CE } from '../contracts/cloudevents';
import { DLQ_SUFFIX } from '../contracts/topics';
import { createProducer } from './acknowledged-producer';
import { createKafka } from './kafka-connection';

/** Operator tools over the messaging tables and dead-letter topics (README, operations). */

export interface ParkedRow {
  id: string;
  topic: string;
  messageKey: string;
  attempts: number;
  lastError: string | null;
  parkedAt: Date;
}

export async function listParked(ds: DataSource): Promise<ParkedRow[]> {
  const rows = await ds.query<
    Array<{
      id: string;
      topic: string;
      message_key: string;
      attempts: number;
      last_error: string | null;
      parked_at: Date;
    }>
  >(
    `SELECT id, topic, message_key, attempts, last_error, parked_at FROM outbox
      WHERE parked_at IS NOT NULL AND published_at IS NULL ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    messageKey: r.message_key,
    attempts: r.attempts,
    lastError: r.last_error,
    parkedAt: r.parked_at,
  }));
}

/** Puts parked rows (all, or one by id) back in the relay's queue; returns how many. */
export async function requeueParked(ds: DataSource, opts: { id?: string }): Promise<number> {
  const [, count] = await ds.query<[unknown, number]>(
    `UPDATE outbox SET parked_at = NULL, attempts = 0
      WHERE parked_at IS NOT NULL AND published_at IS NULL AND ($1::bigint IS NULL OR id = $1::bigint)`,
    [opts.id ?? null],
  );
  return count;
}

export interface ReplayOptions {
  brokers: string[];
  /** The original topic; its dead letters are read from `<topic>.dlq`. */
  topic: string;
  /** Only dead letters written at or after / before these instants (`x-dlq-time`). */
  from?: Date;
  to?: Date;
  /** Only this event (`ce_id`). */
  eventId?: string;
  /** Report what would be replayed, send nothing. */
  dryRun: boolean;
}

export interface ReplayedLetter {
  dlqOffset: string;
  partition: number;
  eventId: string | undefined;
  reason: string | undefined;
  deadLetteredAt: string | undefined;
}

export interface ReplayReport {
  scanned: number;
  matched: ReplayedLetter[];
  replayed: number;
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

function matches(m: KafkaMessage, o: ReplayOptions): boolean {
  const at = header(m.headers, 'x-dlq-time');
  const t = at ? Date.parse(at) : NaN;
  if (o.from && !(t >= o.from.getTime())) return false;
  if (o.to && !(t < o.to.getTime())) return false;
  if (o.eventId && header(m.headers, CE.ID) !== o.eventId) return false;
  return true;
}

/**
 * Replays dead letters of one topic through the normal consumers: each matching message of `<topic>.dlq`
 * (from its first to its last offset at the start of the run) is produced again to `<topic>` with its
 * original key, value and CloudEvents headers (the `x-dlq-*` headers dropped, `x-replayed-from` added).
 * Consumers dedupe by `ce_id`, so a group that had handled the event ignores the replay and only the group
 * that dead-lettered it acts. The DLQ itself is left as it is (an audit of what failed).
 */
export async function replayDeadLetters(o: ReplayOptions): Promise<ReplayReport> {
  if (o.topic.endsWith(DLQ_SUFFIX)) throw new Error(`give the original topic, not ${o.topic}`);
  const dlq = `${o.topic}${DLQ_SUFFIX}`;
  const kafka = createKafka(o.brokers, 'dlq-replay');
  const admin = kafka.admin();
  await admin.connect();
  const report: ReplayReport = { scanned: 0, matched: [], replayed: 0 };
  const toSend: Array<{ key: Buffer | null; value: Buffer | null; headers: IHeaders }> = [];
  try {
    const ends = await admin.fetchTopicOffsets(dlq);
    const remaining = new Map(
      ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    );
    if (remaining.size > 0) {
      const consumer = kafka.consumer({
        groupId: `dlq-replay-${randomUUID()}`,
        allowAutoTopicCreation: false,
      });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic: dlq, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          consumer
            .run({
              autoCommit: false,
              eachMessage: ({ partition, message }) => {
                take(partition, message);
                return Promise.resolve();
              },
            })
            .catch(reject);
          const take = (partition: number, message: KafkaMessage): void => {
            const end = remaining.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            report.scanned++;
            if (matches(message, o)) {
              report.matched.push({
                dlqOffset: message.offset,
                partition,
                eventId: header(message.headers, CE.ID),
                reason: header(message.headers, 'x-dlq-reason'),
                deadLetteredAt: header(message.headers, 'x-dlq-time'),
              });
              const headers: IHeaders = {};
              for (const [k, v] of Object.entries(message.headers ?? {})) {
                if (!k.startsWith('x-dlq-') && v !== undefined) headers[k] = v;
              }
              headers['x-replayed-from'] = `${dlq}/${partition}@${message.offset}`;
              toSend.push({ key: message.key, value: message.value, headers });
            }
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          };
        });
      } finally {
        await consumer.disconnect();
      }
    }
    if (!o.dryRun && toSend.length > 0) {
      const producer = createProducer(kafka);
      await producer.connect();
      try {
        await producer.send({ topic: o.topic, acks: -1, messages: toSend });
      } finally {
        await producer.disconnect();
      }
      report.replayed = toSend.length;
    }
    return report;
  } finally {
    await admin.disconnect();
  }
}
