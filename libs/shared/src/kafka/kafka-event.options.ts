import type { KafkaSecurity } from '../config/base.config';

/** How the Kafka transport (`KafkaEventServer`) connects, consumes, retries and dead-letters. */
export interface KafkaEventServerOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  /** Attempts after the first for a retryable error. */
  maxRetries: number;
  retryBaseMs: number;
  /** Longest wait between attempts (transient errors are retried until they clear). */
  retryMaxMs?: number;
  partitionsConsumedConcurrently?: number;
  /** Start of a new group: oldest message (true) or only new ones (false). */
  fromBeginning: boolean;
  /** TLS / SASL of the brokers (BaseConfig.kafkaSecurity). */
  security?: KafkaSecurity;
  /** The consumer's fetch: answered once `minBytes` wait, or after `maxWaitMs` (kafkajs: 1 byte, 5 s). */
  fetch?: { minBytes: number; maxWaitMs: number };
  /** Fetched batches handled in chunks of up to `max` inside `scope` (the inbox's shared transaction). */
  batch?: { max: number; scope: <R>(fn: () => Promise<R>) => Promise<R> };
}
