import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { ceTypeOf, dataSchemaOf } from '../contracts/cloudevents';

/**
 * A test producer that publishes like another service would: CloudEvents binary-mode headers and a JSON
 * value. `id` lets a test deliver the very same event twice; `rawValue` sends a poison message.
 */
export class TestProducer {
  private producer?: Producer;
  private readonly kafka: Kafka;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({
      clientId: `test-producer-${randomBytes(3).toString('hex')}`,
      brokers,
      logLevel: logLevel.NOTHING,
    });
  }

  async send(
    topic: string,
    key: string,
    payload: unknown,
    opts: { id?: string; rawValue?: string; source?: string; correlationId?: string } = {},
  ): Promise<string> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.producer.connect();
    }
    const id = opts.id ?? randomUUID();
    await this.producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key,
          value: opts.rawValue ?? JSON.stringify(payload),
          headers: {
            ce_specversion: '1.0',
            ce_id: id,
            ce_source: opts.source ?? '/gov-platform/test',
            ce_type: ceTypeOf(topic),
            ce_time: new Date().toISOString(),
            ce_subject: key,
            ce_dataschema: dataSchemaOf(topic),
            'content-type': 'application/json',
            traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
            'x-correlation-id': opts.correlationId ?? `test-${id}`,
          },
        },
      ],
    });
    return id;
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }
}
