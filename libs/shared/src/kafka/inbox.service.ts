import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Topic } from '../contracts/topics';
import type { InboundEvent } from './inbound-event';
import {
  acceptDeferred,
  beginLazily,
  beginWith,
  commitDeferred,
  deferToCommit,
  rollbackLazy,
} from '../database/merged-transaction';
import { eventsHandled } from '../metrics/metrics';
import { OutboxRelay } from './outbox-relay';
import { hasOutboxRows } from './outbox.service';
import { KAFKA_SERVICE_NAME } from './tokens';

/** `(event id, consumer, topic)`: the processed_events row that marks an event handled by a consumer. */
type Claim = [string, string, string];

/** Claim first: a repeat inserts nothing and returns no row. */
const CLAIM_FIRST = `INSERT INTO processed_events (event_id, consumer, topic) VALUES ($1, $2, $3)
  ON CONFLICT DO NOTHING RETURNING event_id`;
/** Claims sent with the COMMIT: a repeat fails the commit (unique violation), and the whole transaction with it. */
const CLAIM_AT_COMMIT = `INSERT INTO processed_events (event_id, consumer, topic)
  SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[])`;

/** The transaction the inbox handlers of one consumed batch share, and what waits for its commit. */
interface BatchScope {
  runner?: QueryRunner;
  /** The claims to send with the COMMIT; null when each event is claimed before its handler runs. */
  claims: Claim[] | null;
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
 * handler's side effects (including any outbox rows it writes). A redelivered event is acknowledged without
 * its effects applied twice; a crash before commit leaves nothing behind, so it is retried.
 *
 * Optimistic claim: the processed_events row is sent with the transaction's COMMIT (and its BEGIN with the
 * handler's first statement), so the inbox costs no round trip of its own. A redelivery is rare (a crash,
 * a rebalance): its row is there already, the commit fails with a unique violation, and everything the
 * handler did is rolled back. Then, and after any other failure, the handling runs once more claiming
 * first (`ON CONFLICT DO NOTHING`): a repeat is skipped before its handler runs; a real failure fails again
 * and goes to the consumer's retries and dead-lettering as it did.
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

  /**
   * Runs `work` in the event's transaction unless this consumer handled the event already. Returns false
   * when it had (known only when claiming first); true when `work` ran — inside a batch, "will commit
   * with the batch or roll back with it".
   */
  async handleOnce<T extends Topic>(
    event: InboundEvent<T>,
    work: (em: EntityManager) => Promise<void>,
    consumer = this.service,
  ): Promise<boolean> {
    const claim: Claim = [event.id, consumer, event.topic];
    const scope = this.batch.getStore();
    if (scope) return this.inScope(scope, claim, work);
    try {
      return await this.alone(claim, work, true);
    } catch {
      // A redelivery, or a failure of the handler: once more, claiming first (see the class comment).
      return this.alone(claim, work, false);
    }
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
   * against another's, and no two first events of a case inserting the same row at once.
   *
   * `fn` may run twice: when the group's transaction fails (a redelivered event among them, or a handler
   * that throws), it is rolled back and the group runs once more, each event claimed before its handler.
   * When that fails too, the whole group rolls back and each caller gets the error (the consumer then
   * handles those messages one by one).
   */
  inBatch<R>(fn: () => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.queued.length === 1 && !this.draining) setImmediate(() => void this.drain());
    });
  }

  /** One event in a transaction of its own, its claim sent with the COMMIT (`atCommit`) or first. */
  private async alone(
    claim: Claim,
    work: (em: EntityManager) => Promise<void>,
    atCommit: boolean,
  ): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    let done = true;
    let wrote = false;
    try {
      if (atCommit) beginLazily(runner);
      else done = (await beginWith(runner, CLAIM_FIRST, claim)).length > 0;
      acceptDeferred(runner);
      if (done) {
        await work(runner.manager);
        wrote = hasOutboxRows(runner.manager);
        if (atCommit) claimAtCommit(runner.manager, [claim]);
      }
      await commitDeferred(runner);
    } catch (e) {
      await rollbackLazy(runner).catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
    if (!done) this.duplicate(claim[0], claim[2]);
    else if (wrote) this.relay.poke();
    return done;
  }

  private async inScope(
    scope: BatchScope,
    claim: Claim,
    work: (em: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    if (!scope.runner) {
      scope.runner = this.dataSource.createQueryRunner();
      beginLazily(scope.runner);
      acceptDeferred(scope.runner);
    }
    const em = scope.runner.manager;
    if (scope.claims) {
      scope.claims.push(claim);
    } else if ((await em.query<unknown[]>(CLAIM_FIRST, claim)).length === 0) {
      scope.duplicates.push({ id: claim[0], topic: claim[2] });
      return false;
    }
    await work(em);
    scope.wrote ||= hasOutboxRows(em);
    return true;
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
    let outcome: { scope: BatchScope; results: unknown[] };
    try {
      outcome = await this.runScoped(group, true).catch(() => this.runScoped(group, false));
    } catch (e) {
      for (const m of group) m.reject(e);
      return;
    }
    const { scope, results } = outcome;
    try {
      for (const d of scope.duplicates) this.duplicate(d.id, d.topic);
      if (scope.wrote) this.relay.poke();
      for (const f of scope.afterCommit) f();
    } catch (err) {
      this.logger.error({ err }, 'an after-commit hook of a consumed batch failed');
    }
    group.forEach((m, i) => m.resolve(results[i]));
  }

  /** The group's members in one transaction, committed (claims at the commit or first); rolled back on error. */
  private async runScoped(
    group: GroupMember[],
    atCommit: boolean,
  ): Promise<{ scope: BatchScope; results: unknown[] }> {
    const scope: BatchScope = { claims: atCommit ? [] : null, afterCommit: [], duplicates: [] };
    const results: unknown[] = [];
    try {
      for (const m of group) results.push(await this.batch.run(scope, m.fn));
      if (scope.runner) {
        if (scope.claims && scope.claims.length > 0) claimAtCommit(scope.runner.manager, scope.claims);
        await commitDeferred(scope.runner);
      }
      return { scope, results };
    } catch (e) {
      if (scope.runner) await rollbackLazy(scope.runner).catch(() => undefined);
      throw e;
    } finally {
      await scope.runner?.release();
    }
  }

  private duplicate(eventId: string, topic: string): void {
    eventsHandled.inc({ topic, outcome: 'duplicate' });
    this.logger.log({ eventId, topic }, 'duplicate event skipped');
  }
}

/** Holds the claims back for the COMMIT of `em`'s transaction (a top-level one that accepts deferred rows). */
function claimAtCommit(em: EntityManager, claims: Claim[]): void {
  const columns = [0, 1, 2].map((i) => claims.map((c) => c[i]));
  if (!deferToCommit(em, CLAIM_AT_COMMIT, columns)) {
    throw new Error('inbox: the transaction does not hold statements for its commit');
  }
}
