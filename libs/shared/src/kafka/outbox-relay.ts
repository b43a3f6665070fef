import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/base.config';
import { Gauge } from 'prom-client';
import { clientErrors, metricsRegistry, outboxPublished } from '../metrics/metrics';
import { KafkaConnection } from './kafka-connection';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
  headers: Record<string, string>;
}

/** The databases whose outbox this process relays (one per service; several in a test process). */
const relayedDatabases = new Set<DataSource>();

/** One query per database per scrape, shared by both gauges (collected together). */
let statsOfScrape: { at: number; stats: Promise<{ rows: number; oldestSeconds: number }> } | undefined;
function outboxStats(): Promise<{ rows: number; oldestSeconds: number }> {
  const now = Date.now();
  if (!statsOfScrape || now - statsOfScrape.at > 1000) statsOfScrape = { at: now, stats: readOutboxStats() };
  return statsOfScrape.stats;
}

async function readOutboxStats(): Promise<{ rows: number; oldestSeconds: number }> {
  let rows = 0;
  let oldestSeconds = 0;
  for (const ds of relayedDatabases) {
    if (!ds.isInitialized) continue;
    const [r] = await ds.query<Array<{ n: string; age: number | null }>>(
      `SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(created_at))::float AS age
         FROM outbox WHERE published_at IS NULL`,
    );
    rows += Number(r.n);
    oldestSeconds = Math.max(oldestSeconds, r.age ?? 0);
  }
  return { rows, oldestSeconds };
}

new Gauge({
  name: 'outbox_unpublished_rows',
  help: 'Outbox rows not yet published to Kafka',
  registers: [metricsRegistry],
  async collect() {
    this.set((await outboxStats()).rows);
  },
});
new Gauge({
  name: 'outbox_oldest_unpublished_age_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when none waits)',
  registers: [metricsRegistry],
  async collect() {
    this.set((await outboxStats()).oldestSeconds);
  },
});

/** Any constant works; it only has to be the same for every replica of one service (one DB per service). */
const RELAY_LOCK_KEY = 7_302_400_001;

/**
 * Publishes outbox rows in id order. One relay at a time per database holds a transaction-scoped advisory
 * lock (so order survives several replicas); rows are read `FOR UPDATE SKIP LOCKED`, sent with acks=all
 * through the idempotent producer, and marked published in the same transaction. A crash after the send
 * and before the commit re-sends the batch: consumers are idempotent by `ce_id`, so nothing is doubled.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A commit happened while a round was running: look again at once instead of sleeping. */
  private poked = false;
  private failures = 0;
  readonly batchSize = 200;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    relayedDatabases.add(this.dataSource);
    if (this.config.OUTBOX_RELAY_ENABLED) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    relayedDatabases.delete(this.dataSource);
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Ask the relay to look now (after a commit) instead of waiting for the next poll. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      this.poked = false;
      try {
        sent = await this.relayOnce();
        this.failures = 0;
      } catch (e) {
        this.failures++;
        clientErrors.inc({ client: 'outbox-relay' });
        this.logger.warn({ err: e, failures: this.failures }, 'outbox relay failed; will retry');
      }
      if (!this.running) break;
      if ((sent === 0 && !this.poked) || this.failures > 0) {
        const delay =
          this.failures > 0
            ? Math.min(5000, this.config.OUTBOX_POLL_MS * 2 ** this.failures)
            : this.config.OUTBOX_POLL_MS;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /**
   * Publishes one batch; returns how many rows were published. Exposed for tests. An idle poll is one
   * index-only query outside any transaction; only when rows wait does the relay take its lock.
   */
  async relayOnce(): Promise<number> {
    const [{ waiting }] = await this.dataSource.query<Array<{ waiting: boolean }>>(
      'SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL) AS waiting',
    );
    if (!waiting) return 0;
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = await em.query<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RELAY_LOCK_KEY],
      );
      if (!locked) return 0;
      const rows = await em.query<OutboxRow[]>(
        `SELECT id, topic, message_key, payload, headers FROM outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const producer = await this.kafka.producer();
      // One sendBatch keeps each partition's messages in row order (idempotent producer, 1 in flight).
      // If it throws, the transaction rolls back and the rows stay unpublished for the next attempt.
      const byTopic = new Map<string, OutboxRow[]>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, rs]) => ({
          topic,
          messages: rs.map((r) => ({
            key: r.message_key,
            value: JSON.stringify(r.payload),
            headers: r.headers,
          })),
        })),
      });
      await em.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      outboxPublished.inc(rows.length);
      return rows.length;
    });
  }
}
