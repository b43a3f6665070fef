import { CE } from '../cloudevents';
import { CONTRACTS } from '../registry';
import { dlqOf, DLQ_PARTITIONS, Topic, TOPIC_PARTITIONS, TOPICS } from '../topics';
import { TOPIC_CONSUMERS } from './consumers';
import { ContractSchemas, JsonSchema, SCHEMA_REF_PREFIX } from './json-schema';

/** The AsyncAPI document as plain JSON data. */
export type AsyncApiDocument = {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, JsonSchema>;
  components: {
    schemas: Record<string, JsonSchema>;
    messages: Record<string, AsyncApiMessage>;
  };
} & JsonSchema;

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  messages: Record<string, { $ref: string }>;
  bindings: { kafka: { partitions: number; bindingVersion: string } };
  /** The producing service (first segment of the topic). */
  'x-producer': string;
  /** The platform's own consumer groups; partner departments may subscribe too. */
  'x-consumers': string[];
  /** The payload field the Kafka message key carries (absent on dead-letter channels). */
  'x-key-field'?: string;
  /** On a `.dlq` channel: the topic whose dead letters it holds. */
  'x-dead-letters-of'?: string;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  contentType: string;
  headers: { $ref: string };
  payload: JsonSchema;
  bindings: { kafka: { key: JsonSchema; bindingVersion: string } };
}

export const ASYNCAPI_INFO = {
  title: '一网通办 事件目录 / Event catalog',
  version: '1.0.0',
  description:
    'Every Kafka topic of the one-stop government service platform: one channel per topic ' +
    '(`<owner>.<aggregate>.<event>.v<major>`) and its `<topic>.dlq` dead-letter twin. Values are JSON ' +
    'validated by the producer against the contract class (an undeclared field is refused) and again by ' +
    'every consumer (unknown fields are dropped, so a producer may add optional fields within a major ' +
    'version). Removing, renaming or retyping a field, changing its codes or making it required is a new ' +
    'topic version `.v<N+1>`. Headers are CloudEvents 1.0 in Kafka binary mode; `ce_id` is the idempotency ' +
    'key. Generated from libs/shared/src/contracts (`npm run asyncapi`).',
} as const;

const BINDING_VERSION = '0.5.0';
const HEADERS_SCHEMA = 'CloudEventHeaders';
const DLQ_HEADERS_SCHEMA = 'DeadLetterHeaders';
const DLQ_MESSAGE = 'DeadLetter';

/** Which payload field the producer uses as the Kafka key (README, event catalog). */
export function keyFieldOf(topic: Topic): 'caseNo' | 'bundleNo' | 'licenceId' | 'subscriptionId' {
  if (topic === TOPICS.LICENCE_ISSUED) return 'licenceId';
  if (topic.startsWith('gateway.webhook.')) return 'subscriptionId';
  if (topic.startsWith('intake.bundle.')) return 'bundleNo';
  return 'caseNo';
}

const KEY_TEXT: Record<ReturnType<typeof keyFieldOf>, string> = {
  caseNo: '办件编号 (the case number, payload `caseNo`): events of one case stay in order on one partition',
  bundleNo: '一件事编号 (the bundle number, payload `bundleNo`): events of one bundle stay in order',
  licenceId: '证照标识 (the licence identifier, payload `licenceId`)',
  subscriptionId:
    'the webhook subscription (payload `subscriptionId`): notices of one subscription stay in order',
};

/** The owning service of a topic: its first segment. */
export const producerOf = (topic: string): string => topic.split('.')[0];

function ceHeaders(): JsonSchema {
  const str = (description: string, extra: JsonSchema = {}) => ({ type: 'string', description, ...extra });
  return {
    title: HEADERS_SCHEMA,
    description:
      'CloudEvents 1.0 Kafka protocol binding, binary content mode (header values are UTF-8 strings).',
    type: 'object',
    properties: {
      [CE.SPECVERSION]: str('CloudEvents version', { const: '1.0' }),
      [CE.ID]: str('Event id (UUID): the idempotency key, consumers deduplicate by it', { format: 'uuid' }),
      [CE.SOURCE]: str('The producing service', { pattern: '^/gov-platform/[a-z]+$' }),
      [CE.TYPE]: str('The topic without its version suffix, e.g. `intake.application.submitted`'),
      [CE.TIME]: str('When the state change happened (RFC 3339, UTC)', { format: 'date-time' }),
      [CE.SUBJECT]: str(
        'The aggregate the event is about: the message key (办件编号, 一件事编号 or 证照标识)',
      ),
      [CE.DATASCHEMA]: str('The contract: `urn:gov-platform:schema:<topic>`', {
        pattern: '^urn:gov-platform:schema:',
      }),
      [CE.CONTENT_TYPE]: str('Media type of the value', { const: 'application/json' }),
      [CE.TRACEPARENT]: str('W3C trace context of the request that caused the event', {
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      }),
      [CE.CORRELATION]: str('Correlation id of the request that caused the event (the event id when none)'),
    },
    required: Object.values(CE),
  };
}

function dlqHeaders(): JsonSchema {
  const str = (description: string, extra: JsonSchema = {}) => ({ type: 'string', description, ...extra });
  return {
    title: DLQ_HEADERS_SCHEMA,
    description:
      'A dead letter keeps the original key, value and CloudEvents headers and adds these; ' +
      '`npm run ops` replays it to the original topic (the `x-dlq-*` headers dropped, `x-replayed-from` added).',
    allOf: [
      { $ref: `${SCHEMA_REF_PREFIX}${HEADERS_SCHEMA}` },
      {
        type: 'object',
        properties: {
          'x-dlq-reason': str('Why it was dead-lettered', {
            examples: ['INVALID_JSON', 'CONTRACT_VIOLATION', 'UNKNOWN_CASE', 'RETRIES_EXHAUSTED'],
          }),
          'x-dlq-error': str('The error message, scrubbed of ID and phone numbers (≤ 2000 characters)', {
            maxLength: 2000,
          }),
          'x-dlq-original-topic': str('The topic the message was consumed from'),
          'x-dlq-original-partition': str('Its partition', { pattern: '^\\d+$' }),
          'x-dlq-original-offset': str('Its offset', { pattern: '^\\d+$' }),
          'x-dlq-consumer-group': str('The consumer group that gave up on it'),
          'x-dlq-attempts': str('How many times the handler ran', { pattern: '^\\d+$' }),
          'x-dlq-time': str('When it was dead-lettered (RFC 3339, UTC)', { format: 'date-time' }),
        },
        required: [
          'x-dlq-reason',
          'x-dlq-error',
          'x-dlq-original-topic',
          'x-dlq-original-partition',
          'x-dlq-original-offset',
          'x-dlq-consumer-group',
          'x-dlq-attempts',
          'x-dlq-time',
        ],
      },
    ],
  };
}

const eventOf = (topic: string) => topic.split('.').slice(1, -1).join(' ');

/**
 * The AsyncAPI 3.0.0 document of every topic, built from CONTRACTS alone (pure and deterministic: the
 * committed docs/asyncapi.json must equal it, and the gateway serves it).
 */
export function buildAsyncApi(): AsyncApiDocument {
  const schemas = new ContractSchemas();
  schemas.schemas[HEADERS_SCHEMA] = ceHeaders();
  schemas.schemas[DLQ_HEADERS_SCHEMA] = dlqHeaders();
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, JsonSchema> = {};
  const messages: Record<string, AsyncApiMessage> = {};

  for (const topic of Object.values(TOPICS)) {
    const cls = CONTRACTS[topic] as new () => object;
    const name = schemas.add(cls);
    const keyField = keyFieldOf(topic);
    const producer = producerOf(topic);
    const consumers = [...(TOPIC_CONSUMERS[topic] ?? [])];
    messages[name] = {
      name,
      title: `${topic}`,
      contentType: 'application/json',
      headers: { $ref: `${SCHEMA_REF_PREFIX}${HEADERS_SCHEMA}` },
      payload: { $ref: `${SCHEMA_REF_PREFIX}${name}` },
      bindings: {
        kafka: {
          key: { type: 'string', description: KEY_TEXT[keyField], 'x-payload-field': keyField },
          bindingVersion: BINDING_VERSION,
        },
      },
    };
    channels[topic] = {
      address: topic,
      title: topic,
      description: `${producer}: ${eventOf(topic)} (contract ${name}, CloudEvents type ${topic.replace(/\.v\d+$/, '')}).`,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
      bindings: { kafka: { partitions: TOPIC_PARTITIONS, bindingVersion: BINDING_VERSION } },
      'x-producer': producer,
      'x-consumers': consumers,
      'x-key-field': keyField,
    };
    operations[`${topic}.send`] = {
      action: 'send',
      title: `${producer} publishes ${topic}`,
      summary: `Written to the ${producer} outbox in the transaction of the state change, then relayed.`,
      channel: { $ref: `#/channels/${topic}` },
      messages: [{ $ref: `#/channels/${topic}/messages/${name}` }],
      'x-service': producer,
    };
    for (const consumer of consumers) {
      operations[`${topic}.receive.${consumer}`] = {
        action: 'receive',
        title: `${consumer} consumes ${topic}`,
        channel: { $ref: `#/channels/${topic}` },
        messages: [{ $ref: `#/channels/${topic}/messages/${name}` }],
        'x-service': consumer,
      };
    }
    const dlq = dlqOf(topic);
    channels[dlq] = {
      address: dlq,
      title: dlq,
      description:
        `Dead letters of ${topic}: messages a consumer could not process (1 partition, operator replay). ` +
        'The value is the original bytes (it may not be valid JSON).',
      messages: { [DLQ_MESSAGE]: { $ref: `#/components/messages/${DLQ_MESSAGE}` } },
      bindings: { kafka: { partitions: DLQ_PARTITIONS, bindingVersion: BINDING_VERSION } },
      'x-producer': 'any consumer of the topic',
      'x-consumers': ['operators (npm run ops)'],
      'x-dead-letters-of': topic,
    };
  }
  messages[DLQ_MESSAGE] = {
    name: DLQ_MESSAGE,
    title: 'Dead letter',
    contentType: 'application/json',
    headers: { $ref: `${SCHEMA_REF_PREFIX}${DLQ_HEADERS_SCHEMA}` },
    payload: { description: 'The original value, byte for byte (the contract of x-dlq-original-topic).' },
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The original key' },
        bindingVersion: BINDING_VERSION,
      },
    },
  };

  return {
    asyncapi: '3.0.0',
    info: { ...ASYNCAPI_INFO },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'kafka:9092',
        protocol: 'kafka',
        description:
          'The platform broker (KAFKA_BROKERS of each service; local development: 127.0.0.1:9092). ' +
          'Every topic has 6 partitions, its .dlq 1.',
      },
    },
    channels,
    operations,
    components: { schemas: sortKeys(schemas.schemas), messages: sortKeys(messages) },
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
