import { EachMessagePayload, IHeaders, ProducerRecord } from 'kafkajs';
import { dlqOf } from '../contracts/topics';
import { scrubText } from '../logging/redact';
import { CE } from '../contracts/cloudevents';
import { ContractViolationError, isKnownTopic, validateContract } from '../contracts/registry';
import { runWithContext, traceIdFromTraceparent } from '../logging/correlation';
import { InboundEvent, NonRetryableError } from './inbound-event';

export function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined ? undefined : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

/** A Kafka message as the handlers see it: the CloudEvents headers checked, the payload decoded on first use. */
export function decodeMessage(p: EachMessagePayload): InboundEvent {
  const { topic, partition, message } = p;
  const h = message.headers;
  const id = headerString(h, CE.ID);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new NonRetryableError('missing or invalid ce_id header', 'INVALID_ENVELOPE');
  }
  if (!isKnownTopic(topic)) throw new NonRetryableError(`no contract for topic ${topic}`, 'UNKNOWN_TOPIC');
  // Parsed and validated on first use, once: a handler that drops an event it does not need (the
  // gateway's, for a topic nobody subscribed to) pays for neither. A bad value throws on that first use,
  // inside the handler, and is dead-lettered with the same reason as before.
  let payload: InboundEvent['payload'] | undefined;
  let decoded = false;
  const value = message.value;
  const payloadOnce = (): InboundEvent['payload'] => {
    if (!decoded) {
      let raw: unknown;
      try {
        raw = JSON.parse(value?.toString('utf8') ?? '');
      } catch {
        throw new NonRetryableError('value is not JSON', 'INVALID_JSON');
      }
      payload = validateContract(topic, raw);
      decoded = true;
    }
    return payload!;
  };
  return {
    id,
    topic,
    type: headerString(h, CE.TYPE) ?? '',
    source: headerString(h, CE.SOURCE) ?? '',
    subject: headerString(h, CE.SUBJECT) ?? '',
    time: headerString(h, CE.TIME) ?? '',
    correlationId: headerString(h, CE.CORRELATION) ?? id,
    traceparent: headerString(h, CE.TRACEPARENT),
    key: message.key?.toString('utf8') ?? null,
    partition,
    offset: message.offset,
    get payload() {
      return payloadOnce();
    },
  };
}

/** The `.dlq` record of a message that could not be handled: the original, with why and where it came from. */
export function deadLetterRecord(
  p: EachMessagePayload,
  reason: string,
  error: string,
  groupId: string,
  attempts: number,
): ProducerRecord {
  const { topic, partition, message } = p;
  return {
    topic: dlqOf(topic),
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'x-dlq-reason': reason,
          // Scrubbed like a log line: an error message may quote personal data from the payload.
          'x-dlq-error': scrubText(error).slice(0, 2000),
          'x-dlq-original-topic': topic,
          'x-dlq-original-partition': String(partition),
          'x-dlq-original-offset': message.offset,
          'x-dlq-consumer-group': groupId,
          'x-dlq-attempts': String(attempts),
          'x-dlq-time': new Date().toISOString(),
        },
      },
    ],
  };
}

/** Runs `fn` with the message's correlation and trace ids in the logging context. */
export function inContext<R>(p: EachMessagePayload, fn: () => Promise<R>): Promise<R> {
  const correlationId = headerString(p.message.headers, CE.CORRELATION);
  const traceId = traceIdFromTraceparent(headerString(p.message.headers, CE.TRACEPARENT));
  return runWithContext({ correlationId, traceId }, fn);
}

/** The `x-dlq-reason` of a message given up on with `error`. */
export function deadLetterReason(error: unknown): string {
  if (error instanceof NonRetryableError) return error.reason;
  if (error instanceof ContractViolationError) return 'CONTRACT_VIOLATION';
  return 'RETRIES_EXHAUSTED';
}
