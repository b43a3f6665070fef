import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel, Producer, SASLOptions } from 'kafkajs';
import { BaseConfig, KafkaSecurity } from '../config/base.config';
import { createProducer } from './acknowledged-producer';
import { applyKafkajsPatches } from './kafkajs-failover';

/** Warnings kafkajs prints on every start that say nothing about this deployment. */
const KNOWN_NOISE = [
  'KafkaJS v2.0.0 switched default partitioner',
  'Limiting retries for the idempotent producer',
];

/** Maps kafkajs' log lines into Nest's logger (warn and above). */
export function kafkaLogCreator(context: string) {
  const logger = new Logger(context);
  return () =>
    ({ level, log }: { level: logLevel; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...extra } = log;
      if (KNOWN_NOISE.some((n) => message.startsWith(n))) return;
      if (level === logLevel.ERROR) logger.error({ ...extra }, message);
      else if (level === logLevel.WARN) logger.warn({ ...extra }, message);
    };
}

/**
 * Retries of every kafkajs request (producers and consumers inherit them): short and many. kafkajs grows
 * the pause to 30 s by default; after a broker restart the pipeline should flow within a second of the
 * broker answering. And when one broker of a cluster is lost, a failed send or coordinator lookup
 * refreshes the metadata at once, but the metadata names the new leader (or coordinator) only once the
 * lost broker is fenced (~2 s in the three-node cluster): a pause that has grown past that is pure delay
 * (measured: sends stalled ~2 s longer with pauses up to 2 s). About 15 s of attempts in all.
 */
export const CLIENT_RETRY = { initialRetryTime: 100, maxRetryTime: 500, retries: 30 };

export function createKafka(brokers: string[], clientId: string, security: KafkaSecurity = {}): Kafka {
  applyKafkajsPatches();
  return new Kafka({
    clientId,
    brokers,
    ssl: security.ssl,
    // kafkajs types the mechanisms as separate literal unions; ours is their union.
    sasl: security.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(`kafkajs:${clientId}`),
    retry: CLIENT_RETRY,
  });
}

/**
 * One kafkajs client and one idempotent producer (acks=all, one request in flight so order holds)
 * per process. Everything kafkajs stays inside libs/shared/kafka.
 */
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  readonly kafka: Kafka;
  private producerPromise?: Promise<Producer>;
  private adminPromise?: Promise<Admin>;

  constructor(config: BaseConfig) {
    this.kafka = createKafka(config.kafkaBrokers, config.KAFKA_CLIENT_ID, config.kafkaSecurity);
  }

  producer(): Promise<Producer> {
    this.producerPromise ??= (async () => {
      const p = createProducer(this.kafka);
      await p.connect();
      return p;
    })().catch((e: unknown) => {
      this.producerPromise = undefined;
      throw e;
    });
    return this.producerPromise;
  }

  /**
   * Drops the idempotent producer so the next send starts a new one (new producer id, sequences from 0).
   * Needed after the broker refused the producer's state — an out-of-order sequence after a leader change,
   * an unknown producer id, a fenced epoch: the old producer would be refused forever. Re-sending through a
   * new producer may duplicate a message; consumers dedupe by `ce_id`.
   */
  async resetProducer(): Promise<void> {
    const p = this.producerPromise;
    this.producerPromise = undefined;
    await p?.then((x) => x.disconnect()).catch(() => undefined);
  }

  admin(): Promise<Admin> {
    this.adminPromise ??= (async () => {
      const a = this.kafka.admin();
      await a.connect();
      return a;
    })().catch((e: unknown) => {
      this.adminPromise = undefined;
      throw e;
    });
    return this.adminPromise;
  }

  /** Readiness: the cluster answers metadata requests. */
  async ping(): Promise<void> {
    const admin = await this.admin();
    await admin.describeCluster();
  }

  async onApplicationShutdown(): Promise<void> {
    const p = this.producerPromise;
    const a = this.adminPromise;
    this.producerPromise = undefined;
    this.adminPromise = undefined;
    await Promise.allSettled([p?.then((x) => x.disconnect()), a?.then((x) => x.disconnect())]);
  }
}

/** Broker refusals of an idempotent producer's state (kafkajs wraps them; the cause chain is searched). */
const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
  'PRODUCER_FENCED',
]);

export function isProducerStateError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const err = cur as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof err.type === 'string' && PRODUCER_STATE_ERRORS.has(err.type)) return true;
    cur = err.cause ?? err.originalError;
  }
  return false;
}

/**
 * Sends through the current producer; when the broker refuses that producer's state (see above), the
 * producer is replaced once and the record sent again through the new one. Other errors are thrown as is.
 */
export async function sendReplacingRefusedProducer<R>(
  producer: { current(): { send(record: R): Promise<unknown> }; replace(): Promise<void> },
  record: R,
  onReplace?: (e: unknown) => void,
): Promise<void> {
  try {
    await producer.current().send(record);
  } catch (e) {
    if (!isProducerStateError(e)) throw e;
    onReplace?.(e);
    await producer.replace();
    await producer.current().send(record);
  }
}
