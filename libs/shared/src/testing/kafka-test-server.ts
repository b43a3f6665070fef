import { ConsumerStartGate } from '../kafka/consumer-start';
import { InboundEvent } from '../kafka/inbound-event';
import { KafkaEventServer } from '../kafka/kafka-event.server';
import type { Topic } from '../contracts/topics';

export interface TestServerOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  fromBeginning: boolean;
  /** Defers the consumer until the gate says it is needed. */
  gate?: ConsumerStartGate;
}

/**
 * The platform's own Kafka transport on one topic with one handler, started (listening) against the real
 * broker: no retries, so a failing handler dead-letters at once.
 */
export async function startTestServer<T extends Topic>(
  o: TestServerOptions,
  topic: T,
  handler: (e: InboundEvent<T>) => Promise<void>,
): Promise<KafkaEventServer> {
  const server = new KafkaEventServer({
    brokers: o.brokers,
    clientId: o.clientId,
    groupId: o.groupId,
    maxRetries: 0,
    retryBaseMs: 10,
    fromBeginning: o.fromBeginning,
  });
  server.addHandler(topic, handler, true);
  if (o.gate) server.deferUntilNeeded(o.gate);
  await new Promise<void>(
    (resolve, reject) =>
      void server.listen((e) => (e ? reject(e instanceof Error ? e : new Error('no start')) : resolve())),
  );
  return server;
}
