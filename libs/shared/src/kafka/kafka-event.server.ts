import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { createProducer } from './acknowledged-producer';
import { createKafka, sendReplacingRefusedProducer } from './kafka-connection';
import { clientErrors, consumerLag, eventRetries, eventsHandled } from '../metrics/metrics';
import { classifyError } from './error-class';
import { deadLetterReason, deadLetterRecord, decodeMessage, inContext } from './message-codec';
import { consumeBatch } from './batch-consumption';
import { ConsumerStart, ConsumerStartGate, ForwardSeek } from './consumer-start';
import { NonRetryableError } from './inbound-event';
import type { KafkaEventServerOptions } from './kafka-event.options';

export type { KafkaEventServerOptions } from './kafka-event.options';

type Status = 'disconnected' | 'idle' | 'connecting' | 'connected' | 'crashed';

/**
 * A Nest microservice transport over kafkajs that dispatches each message to the `@EventPattern(topic)`
 * handler, with the guarantees of docs/architecture.md (delivery): the payload is validated against its contract; the
 * handler is awaited; retryable errors are retried with backoff a bounded number of times; then (or at
 * once for a contract violation / NonRetryableError) the message goes to `<topic>.dlq` with the error in
 * its headers; the offset is resolved only after the handler (or the dead-lettering) succeeded and committed in batches.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaEventServer.name);
  private kafka?: Kafka;
  private consumer?: Consumer;
  private producer?: Producer;
  private state: Status = 'disconnected';
  private closing = false;
  private gate?: ConsumerStartGate;
  private forward?: ForwardSeek;
  private starting?: Promise<void>;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  get isConnected(): boolean {
    return this.state === 'connected';
  }

  /** Defers the consumer until `gate` says something needs it (call before the app starts its microservices). */
  deferUntilNeeded(gate: ConsumerStartGate): void {
    this.gate = gate;
  }

  /**
   * Joined its group, or deferred and not yet needed (healthy), or a deferred consumer still joining (the
   * process served without it until now: every replica starting at once must not all turn unready).
   */
  get isReady(): boolean {
    return (
      this.state === 'connected' ||
      this.state === 'idle' ||
      (this.gate !== undefined && this.state === 'connecting')
    );
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      // A gate that cannot answer yet (its database still starting) is asked again later.
      const need = this.gate ? await this.gate.needed().catch(() => null) : {};
      if (need) {
        await this.start(need);
      } else {
        // Nothing needs it yet: the process serves without a consumer and asks again every pollMs.
        this.state = 'idle';
        void this.startWhenNeeded(this.gate!);
      }
      callback();
    } catch (e) {
      this.state = 'crashed';
      callback(e);
    }
  }

  /** Asks the gate every pollMs; starts once needed, again after a failed start (Kafka away), until closed. */
  private async startWhenNeeded(gate: ConsumerStartGate): Promise<void> {
    while (!this.closing) {
      await new Promise((r) => setTimeout(r, gate.pollMs));
      if (this.closing) return;
      const need = await gate.needed().catch((err: unknown) => {
        this.logger.warn({ err }, 'could not tell whether the consumer is needed; asking again');
        return null;
      });
      if (!need || this.closing) continue;
      this.starting = this.start(need);
      try {
        await this.starting;
        return;
      } catch (err) {
        if (this.closing) return;
        this.logger.warn({ err }, 'deferred kafka consumer failed to start; trying again');
        await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect()]);
        this.state = 'idle';
      } finally {
        this.starting = undefined;
      }
    }
  }

  private async start(need: ConsumerStart): Promise<void> {
    this.state = 'connecting';
    this.kafka = createKafka(this.options.brokers, this.options.clientId, this.options.security);
    const topics = [...this.messageHandlers.keys()];
    this.producer = this.newProducer();
    // Started late (deferred): partitions committed before `since` are sought forward on every join.
    this.forward = need.since
      ? new ForwardSeek(this.kafka, this.options.groupId, need.since, (t) => this.consumer?.seek(t))
      : undefined;
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      // A replica killed with -9 is noticed (its partitions reassigned) within 10 s.
      sessionTimeout: 10000,
      heartbeatInterval: 3000,
      // A fetch with nothing to return waits up to kafkajs' default 5 s: shorter waits make every idle
      // consumer poll its partitions more often (1 s cost ~0.08 cores per service and 0.2 in Kafka, idle).
      // A stopping consumer waits for its fetch, so a drain of an idle consumer may take up to 5 s.
      minBytes: this.options.fetch?.minBytes ?? 1,
      maxWaitTimeInMs: this.options.fetch?.maxWaitMs ?? 5000,
    });
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, (e) => {
      consumerLag.set(
        { topic: e.payload.topic, partition: String(e.payload.partition) },
        Number(e.payload.offsetLagLow ?? e.payload.offsetLag),
      );
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      clientErrors.inc({ client: 'kafka' });
      this.state = 'crashed';
      this.logger.error({ err: e.payload.error }, 'kafka consumer crashed');
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.state = 'connected';
      this.forward?.onJoin(e.payload.memberAssignment);
    });
    await this.producer.connect();
    await this.consumer.connect();
    if (this.closing) return;
    const batch = this.options.batch;
    if (topics.length > 0) {
      // Brought forward to `since`: a new group starts at the earliest position, so every seek is forward.
      const fromBeginning = this.forward ? true : this.options.fromBeginning;
      await this.consumer.subscribe({ topics, fromBeginning });
      await this.consumer.run({
        // An offset is resolved only once its message was handled (the handlers' transaction committed —
        // one per fetched chunk with `batch` — or the message dead-lettered); resolved offsets are
        // committed together, once a second (kafkajs alone committed after every batch: see
        // kafkajs-commit-pacing.ts). Redelivery after a crash is at-least-once, and the inbox makes it
        // harmless. No count threshold: kafkajs would count every partition's resolved offsets after
        // every batch to test it (3 % of a busy consumer's CPU, measured in supervision).
        autoCommit: true,
        autoCommitInterval: 1000,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
        ...(batch && batch.max > 1
          ? {
              eachBatchAutoResolve: false,
              eachBatch: (b) =>
                consumeBatch(b, {
                  ...batch,
                  skips: (p) => this.skips(p),
                  dispatch: (p) => inContext(p, () => this.dispatch(p)),
                  one: (p) => this.handleMessage(p),
                }),
            }
          : { eachMessage: (p) => this.handleMessage(p) }),
      });
    } else {
      this.state = 'connected';
    }
    this.logger.log({ topics, groupId: this.options.groupId }, 'kafka consumer started');
  }

  async close(): Promise<void> {
    this.closing = true;
    // A deferred start under way finishes first (it stops at its next step), then everything it opened closes.
    await this.starting?.catch(() => undefined);
    await Promise.allSettled([this.consumer?.disconnect(), this.producer?.disconnect()]);
    await this.forward?.settle();
    this.state = 'disconnected';
  }

  on(): void {
    throw new Error('KafkaEventServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.kafka as T;
  }

  /**
   * Runs the handler until it succeeds or the message is dead-lettered, then lets its offset be resolved.
   * Permanent errors go to the `.dlq` at once; retryable ones after `maxRetries` retries; transient ones
   * (the service's database away) are retried with capped backoff until they clear, so an outage never
   * empties a topic into its DLQ. The consumer heartbeats while it waits. On shutdown it stops without
   * committing: the message is redelivered to the next owner of the partition.
   */
  private async handleMessage(p: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = p;
    if (this.forward && (await this.skips(p))) return;
    await inContext(p, async () => {
      let attempt = 0;
      for (;;) {
        try {
          await this.dispatch(p);
          eventsHandled.inc({ topic, outcome: 'ok' });
          break;
        } catch (e) {
          const kind = classifyError(e);
          if (kind === 'permanent' || (kind === 'retryable' && attempt >= this.options.maxRetries)) {
            await this.deadLetter(p, e, attempt + 1);
            eventsHandled.inc({ topic, outcome: 'dead_lettered' });
            break;
          }
          attempt++;
          eventRetries.inc({ topic, kind });
          const delay = Math.min(
            this.options.retryMaxMs ?? 30_000,
            this.options.retryBaseMs * 2 ** Math.min(attempt - 1, 20),
          );
          this.logger.warn(
            { err: e, topic, partition, offset: message.offset, attempt, delay, kind },
            kind === 'transient'
              ? 'infrastructure unavailable; retrying until it is back'
              : 'handler failed; retrying',
          );
          if (!(await this.pause(delay, p))) {
            // Shutting down: throwing keeps the offset unresolved, so the next owner gets the message.
            throw new Error(`consumer closing: ${topic}/${partition}@${message.offset} left for redelivery`);
          }
        }
      }
    });
  }

  private async skips(p: EachMessagePayload): Promise<boolean> {
    return this.forward ? this.forward.skips(p.topic, p.partition, p.message.offset) : false;
  }

  /** The message's handler, given the decoded event (throws what the handler or the decoding throws). */
  private async dispatch(p: EachMessagePayload): Promise<void> {
    const handler = this.messageHandlers.get(p.topic);
    if (!handler) throw new NonRetryableError(`no handler for ${p.topic}`, 'NO_HANDLER');
    const result: unknown = await handler(decodeMessage(p));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private newProducer(): Producer {
    return createProducer(this.kafka!);
  }

  /** The dead-letter producer, replaced when the broker refuses its state (as the outbox relay does). */
  private readonly dlqProducer = {
    current: (): Producer => this.producer!,
    replace: async (): Promise<void> => {
      const old = this.producer;
      this.producer = this.newProducer();
      await old?.disconnect().catch(() => undefined);
      await this.producer.connect();
    },
  };

  /** Waits `ms`, heartbeating every few seconds; false when the server is closing. */
  private async pause(ms: number, p: EachMessagePayload): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.closing && Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      await p.heartbeat().catch(() => undefined);
    }
    return !this.closing;
  }

  private async deadLetter(p: EachMessagePayload, error: unknown, attempts: number): Promise<void> {
    const { topic, partition, message } = p;
    const err = error instanceof Error ? error : new Error(String(error));
    const reason = deadLetterReason(error);
    this.logger.error(
      { err, topic, partition, offset: message.offset, attempts, reason },
      'message dead-lettered',
    );
    await sendReplacingRefusedProducer(
      this.dlqProducer,
      deadLetterRecord(p, reason, err.message, this.options.groupId, attempts),
    );
  }
}
