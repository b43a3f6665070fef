import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Message, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceConfig } from '../config/service.config';
import { beginWith, commitWith } from '../database/merged-transaction';
import { clientErrors, outboxPublished } from '../metrics/metrics';
import { relayedDatabases } from './outbox-metrics';
import { isRowSpecificKafkaError } from './error-class';
import { isProducerStateError, KafkaConnection } from './kafka-connection';
import { nextRound } from './outbox-schedule';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: unknown;
  headers: Record<string, string>;
  attempts: number;
}

/** Any constant works; it only has to be the same for every replica of one service (one DB per service). */
export const RELAY_LOCK_KEY = 7_302_400_001;

/**
 * Publishes outbox rows in id order. One relay at a time per database holds a transaction-scoped advisory
 * lock (so order survives several replicas); rows are read `FOR UPDATE SKIP LOCKED`, sent with acks=all
 * through the idempotent producer, and marked published in the same transaction. A crash after the send
 * and before the commit re-sends the batch: consumers are idempotent by `ce_id`, so nothing is doubled.
 *
 * A batch that Kafka refuses because of one of its records (isRowSpecificKafkaError) is retried one row at
 * a time: the rows that go through are published; the refused row counts an attempt and, after
 * OUTBOX_PARK_AFTER_ATTEMPTS, is parked (parked_at, last_error; metric outbox_parked_rows, alert
 * OutboxRowParked). Later rows of the parked row's key wait behind it so per-key order holds; other keys
 * keep flowing. `npm run ops -- outbox:requeue` puts parked rows back once the cause is fixed.
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
  /** When the last round started (OUTBOX_GATHER_MS spaces the rounds that commits wake). */
  private lastRoundAt = 0;
  /** The last batch was refused because of a record: send one row at a time until a round goes through. */
  private isolate = false;
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

  /**
   * Runs after the HTTP server and the consumer have closed (nothing writes any more): stops the loop and
   * publishes what is left, within a few seconds; rows it cannot publish wait for the next replica.
   */
  async onApplicationShutdown(): Promise<void> {
    relayedDatabases.delete(this.dataSource);
    const wasRunning = this.running;
    await this.stop();
    if (!wasRunning || !this.dataSource.isInitialized) return;
    const until = Date.now() + 5000;
    try {
      while (Date.now() < until && (await this.relayOnce()) > 0);
    } catch (e) {
      this.logger.warn({ err: e }, 'final outbox flush failed; the rows wait for the next relay');
    }
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
    // Woken by a commit that wrote an event (from its sleep, or during the round before): rows wait, so
    // the round skips its "anything waiting?" probe (outbox-schedule.ts).
    let hinted = false;
    while (this.running) {
      let sent = 0;
      const skipProbe = hinted;
      this.lastRoundAt = Date.now();
      hinted = false;
      this.poked = false;
      try {
        sent = await this.relayOnce(skipProbe);
        this.failures = 0;
      } catch (e) {
        this.failures++;
        clientErrors.inc({ client: 'outbox-relay' });
        this.logger.warn({ err: e, failures: this.failures }, 'outbox relay failed; will retry');
        // A producer whose sequence the broker refuses (after a leader change) would be refused forever.
        if (isProducerStateError(e)) await this.kafka.resetProducer();
      }
      if (!this.running) break;
      const next = nextRound({
        sent,
        batchSize: this.batchSize,
        poked: this.poked,
        hinted: skipProbe,
        failures: this.failures,
        pollMs: this.config.OUTBOX_POLL_MS,
      });
      if (next.kind === 'now') {
        hinted = next.hinted;
        // Poked during the round (not a full batch): the next round starts OUTBOX_GATHER_MS after this one.
        if (next.gather) await this.gather();
        continue;
      }
      hinted = await this.pause(next.ms, true);
      if (hinted) await this.gather();
    }
  }

  /**
   * Rounds woken by commits start at least OUTBOX_GATHER_MS apart: a commit soon after a round waits for
   * the rest of that interval, so the rows committed meanwhile go out with it (their pokes do not end the
   * wait; `stop` does); a commit after a quiet spell goes out at once.
   */
  private async gather(): Promise<void> {
    const ms = this.lastRoundAt + this.config.OUTBOX_GATHER_MS - Date.now();
    if (ms > 0 && this.running) await this.pause(ms, false);
  }

  /** Waits `ms`; a poke ends the wait early (answering true) when `pokeEnds`, `stop` always does. */
  private async pause(ms: number, pokeEnds: boolean): Promise<boolean> {
    const woken = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.wake = () => {
        if (!pokeEnds && this.running) return;
        clearTimeout(t);
        resolve(true);
      };
    });
    this.wake = undefined;
    return woken;
  }

  /**
   * Publishes one batch; returns how many rows were published. Exposed for tests. An idle poll is one
   * index-only query outside any transaction; only when rows wait (or `hinted`: a commit just wrote some)
   * does the relay open its transaction, whose first statement takes the relay lock and reads the rows.
   */
  async relayOnce(hinted = false): Promise<number> {
    if (!hinted) {
      const [{ waiting }] = await this.dataSource.query<Array<{ waiting: boolean }>>(
        'SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL AND parked_at IS NULL) AS waiting',
      );
      if (!waiting) return 0;
    }
    // BEGIN goes with the first statement and COMMIT with the last (one round trip each).
    const runner = this.dataSource.createQueryRunner();
    try {
      // One relay per database at a time (the transaction-scoped advisory lock, taken once by the
      // materialized CTE; another relay holding it reads nothing). Rows behind a parked row of the same key
      // wait for it (per-key order).
      const rows = await beginWith<OutboxRow>(
        runner,
        `WITH relay AS MATERIALIZED (SELECT pg_try_advisory_xact_lock($2) AS locked)
         SELECT o.id, o.topic, o.message_key, o.payload, o.headers, o.attempts FROM outbox o
          WHERE (SELECT locked FROM relay)
            AND o.published_at IS NULL AND o.parked_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM outbox p
                             WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL
                               AND p.message_key = o.message_key AND p.id < o.id)
          ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
        [this.batchSize, RELAY_LOCK_KEY],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const producer = await this.kafka.producer();
      const published = this.isolate
        ? await this.sendOneByOne(runner.manager, producer, rows)
        : await this.sendBatch(producer, rows);
      if (published.length > 0) {
        await commitWith(runner, `UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
          `{${published.map((id) => BigInt(id).toString()).join(',')}}`,
        ]);
        outboxPublished.inc(published.length);
      } else {
        await runner.commitTransaction();
      }
      return published.length;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  }

  /**
   * One sendBatch keeps each partition's messages in row order (idempotent producer, 1 in flight). If it
   * throws, the transaction rolls back and the rows stay unpublished for the next attempt — one row at a
   * time when a record was the cause.
   */
  private async sendBatch(producer: Producer, rows: OutboxRow[]): Promise<string[]> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, rs]) => ({ topic, messages: rs.map(toMessage) })),
      });
    } catch (e) {
      if (isRowSpecificKafkaError(e)) this.isolate = true;
      throw e;
    }
    return rows.map((r) => r.id);
  }

  /** Isolation round: each row alone, in id order; a refused row is counted (and parked), its key held. */
  private async sendOneByOne(em: EntityManager, producer: Producer, rows: OutboxRow[]): Promise<string[]> {
    const published: string[] = [];
    const heldKeys = new Set<string>();
    let refused = false;
    for (const r of rows) {
      if (heldKeys.has(r.message_key)) continue;
      try {
        await producer.send({ topic: r.topic, acks: -1, messages: [toMessage(r)] });
        published.push(r.id);
      } catch (e) {
        if (!isRowSpecificKafkaError(e)) {
          if (published.length > 0) break; // the cluster went away mid-round: keep what went through
          throw e;
        }
        refused = true;
        heldKeys.add(r.message_key);
        const error = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
        const park = r.attempts + 1 >= this.config.OUTBOX_PARK_AFTER_ATTEMPTS;
        await em.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  parked_at = CASE WHEN $3 THEN now() ELSE NULL END
            WHERE id = $1`,
          [r.id, error, park],
        );
        if (park) {
          this.logger.error(
            { outboxId: r.id, topic: r.topic, key: r.message_key, error },
            'outbox row parked: Kafka refuses it; later rows of its key wait (npm run ops -- outbox:requeue)',
          );
        }
      }
    }
    if (!refused) this.isolate = false;
    return published;
  }
}

function toMessage(r: OutboxRow): Message {
  return { key: r.message_key, value: JSON.stringify(r.payload), headers: r.headers };
}
