import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Topic } from '../contracts/topics';
import type { InboundEvent } from './inbound-event';
import { acceptDeferred, beginWith, commitDeferred, SqlLiteral } from '../database/merged-transaction';
import { eventsHandled } from '../metrics/metrics';
import { OutboxRelay } from './outbox-relay';
import { hasOutboxRows } from './outbox.service';
import { KAFKA_SERVICE_NAME } from './tokens';

const INSERT_PROCESSED = `INSERT INTO processed_events (event_id, consumer, topic) VALUES ($1, $2, $3)
  ON CONFLICT DO NOTHING RETURNING event_id`;

/** The transaction the inbox handlers of one consumed batch share, and what waits for its commit. */
interface BatchScope {
  runner?: QueryRunner;
  /** A handler of the batch wrote an outbox row. */
  wrote?: boolean;
  afterCommit: Array<() => void>;
  duplicates: Array<{ id: string; topic: string }>;
}

/** A caller of `inBatch` waiting for its group's transaction. */
interface GroupMember {
  fn: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Idempotent consumer: records `(event id, consumer)` in processed_events in the SAME transaction as the
 * handler's side effects (including any outbox rows it writes). A redelivered event finds its row and is
 * acknowledged without running again; a crash before commit leaves nothing behind, so it is retried.
 *
 * Inside `inBatch` (the consumer handing over a fetched batch), the handlers share one transaction,
 * committed when the batch is done: one commit for many events. Anything thrown rolls all of it back.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);
  private readonly batch = new AsyncLocalStorage<BatchScope>();
  /** `inBatch` callers waiting for the next group transaction, and whether one is under way. */
  private readonly queued: GroupMember[] = [];
  private draining = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(KAFKA_SERVICE_NAME) private readonly service: string,
  ) {}

  /** Returns false when the event had already been processed by this consumer. */
  async handleOnce<T extends Topic>(
    event: InboundEvent<T>,
    work: (em: EntityManager) => Promise<void>,
    consumer = this.service,
  ): Promise<boolean> {
    const record: [string, SqlLiteral[]] = [INSERT_PROCESSED, [event.id, consumer, event.topic]];
    const once = async (em: EntityManager) => {
      const rows = await em.query<unknown[]>(...record);
      if (rows.length === 0) return false;
      await work(em);
      return true;
    };
    const scope = this.batch.getStore();
    if (scope) {
      if (!scope.runner) {
        scope.runner = this.dataSource.createQueryRunner();
        await scope.runner.connect();
        await scope.runner.startTransaction();
        acceptDeferred(scope.runner);
      }
      const done = await once(scope.runner.manager);
      if (!done) scope.duplicates.push({ id: event.id, topic: event.topic });
      scope.wrote ||= hasOutboxRows(scope.runner.manager);
      return done;
    }
    // BEGIN goes with the inbox row (one round trip), the handler's outbox rows with the COMMIT. The relay
    // is woken only when the handler wrote an event (most consumed events publish nothing).
    const runner = this.dataSource.createQueryRunner();
    let done = false;
    let wrote = false;
    try {
      done = (await beginWith(runner, ...record)).length > 0;
      acceptDeferred(runner);
      if (done) {
        await work(runner.manager);
        wrote = hasOutboxRows(runner.manager);
      }
      await commitDeferred(runner);
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
    if (!done) this.duplicate(event.id, event.topic);
    else if (wrote) this.relay.poke();
    return done;
  }

  /** Runs `fn` now, or, inside a batch, once the batch's transaction has committed (never if it rolls back). */
  afterCommit(fn: () => void): void {
    const scope = this.batch.getStore();
    if (scope) scope.afterCommit.push(fn);
    else fn();
  }

  /**
   * Runs `fn` with the inbox handlers it calls sharing one transaction, committed when `fn` returns.
   * Group commit: the calls that arrive together (the consumer's workers handing over the partitions of one
   * fetch at once) and those that arrive while a transaction is under way are run one after the other in
   * the next shared transaction — one commit for all of them, no lock held by one partition's transaction
   * against another's, and no two first events of a case inserting the same row at once. When one of them
   * throws, the whole group rolls back and each caller gets the error (the consumer then handles those
   * messages one by one).
   */
  inBatch<R>(fn: () => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.queued.length === 1 && !this.draining) setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0);
        // Settled members ignore this; it only reaches those a failure outside their work left waiting.
        await this.runGroup(group).catch((e: unknown) => group.forEach((m) => m.reject(e)));
      }
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(group: GroupMember[]): Promise<void> {
    const scope: BatchScope = { afterCommit: [], duplicates: [] };
    const results: unknown[] = [];
    try {
      for (const m of group) results.push(await this.batch.run(scope, m.fn));
      if (scope.runner) await commitDeferred(scope.runner);
    } catch (e) {
      if (scope.runner?.isTransactionActive) {
        await scope.runner.rollbackTransaction().catch(() => undefined);
      }
      for (const m of group) m.reject(e);
      return;
    } finally {
      await scope.runner?.release();
    }
    try {
      for (const d of scope.duplicates) this.duplicate(d.id, d.topic);
      if (scope.wrote) this.relay.poke();
      for (const f of scope.afterCommit) f();
    } catch (err) {
      this.logger.error({ err }, 'an after-commit hook of a consumed batch failed');
    }
    group.forEach((m, i) => m.resolve(results[i]));
  }

  private duplicate(eventId: string, topic: string): void {
    eventsHandled.inc({ topic, outcome: 'duplicate' });
    this.logger.log({ eventId, topic }, 'duplicate event skipped');
  }
}
