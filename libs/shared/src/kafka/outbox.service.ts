import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, QueryRunner } from 'typeorm';
import { CE, CloudEventHeaders, ceTypeOf, dataSchemaOf } from '../contracts/cloudevents';
import { TopicPayloads, validateContract } from '../contracts/registry';
import { Topic } from '../contracts/topics';
import { currentTraceparent, getCorrelationId } from '../logging/correlation';
import { deferToCommit } from '../database/merged-transaction';
import { KAFKA_SERVICE_NAME } from './tokens';
import { Inject } from '@nestjs/common';

export interface OutboxMessage {
  eventId: string;
  topic: Topic;
  key: string;
  headers: CloudEventHeaders;
}

const INSERT_OUTBOX = `INSERT INTO outbox (event_id, topic, message_key, payload, headers) VALUES ($1, $2, $3, $4, $5)`;

/** The transactions (their query runners) that wrote an outbox row: only their commit wakes the relay. */
const wroteOutbox = new WeakSet<QueryRunner>();

/** Whether the transaction of `em` has written an outbox row (so the relay has something to publish). */
export function hasOutboxRows(em: EntityManager): boolean {
  return em.queryRunner !== undefined && wroteOutbox.has(em.queryRunner);
}

/**
 * Writes an outgoing event in the caller's transaction (transactional outbox). The payload is validated
 * against its topic's contract before it is stored, so an invalid event can never be published.
 */
@Injectable()
export class OutboxService {
  constructor(@Inject(KAFKA_SERVICE_NAME) private readonly service: string) {}

  async add<T extends Topic>(
    em: EntityManager,
    topic: T,
    key: string,
    payload: TopicPayloads[T],
    opts: { subject?: string; time?: Date } = {},
  ): Promise<OutboxMessage> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error(
        'OutboxService.add must run inside a transaction (the state change and the event commit together)',
      );
    }
    const validated = validateContract(topic, JSON.parse(JSON.stringify(payload)), 'producer');
    const eventId = randomUUID();
    const headers: CloudEventHeaders = {
      [CE.SPECVERSION]: '1.0',
      [CE.ID]: eventId,
      [CE.SOURCE]: `/gov-platform/${this.service}`,
      [CE.TYPE]: ceTypeOf(topic),
      [CE.TIME]: (opts.time ?? new Date()).toISOString(),
      [CE.SUBJECT]: opts.subject ?? key,
      [CE.DATASCHEMA]: dataSchemaOf(topic),
      [CE.CONTENT_TYPE]: 'application/json',
      [CE.TRACEPARENT]: currentTraceparent(),
      [CE.CORRELATION]: getCorrelationId() ?? eventId,
    };
    // Sent with the transaction's COMMIT where its owner allows (runInTransaction, the inbox): one round trip.
    const values = [eventId, topic, key, JSON.stringify(validated), JSON.stringify(headers)];
    if (!deferToCommit(em, INSERT_OUTBOX, values)) await em.query(INSERT_OUTBOX, values);
    wroteOutbox.add(em.queryRunner);
    return { eventId, topic, key, headers };
  }
}
