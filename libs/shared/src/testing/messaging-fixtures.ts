import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service.config';
import { ApplicationNotAcceptedV1 } from '../contracts/events';
import { TOPICS } from '../contracts/topics';
import { MESSAGING_MIGRATIONS } from '../database/database.module';
import { KafkaConnection } from '../kafka/kafka-connection';
import { OutboxRelay } from '../kafka/outbox-relay';
import { EventCollector } from './event-collector';
import { createTestDatabase, testEnv } from './test-env';

/** A valid `intake.application.not-accepted.v1` payload: the topic the messaging tests publish on. */
export function notAcceptedPayload(caseNo: string, reason = '材料不属于本部门'): ApplicationNotAcceptedV1 {
  return Object.assign(new ApplicationNotAcceptedV1(), {
    caseNo,
    itemCode: 'ITEM-1',
    itemName: '测试事项',
    deptCode: '113301000024901620',
    deptName: '杭州市市场监督管理局',
    reason,
    decidedAt: new Date().toISOString(),
    decidedBy: 'tester',
  });
}

/** A fresh database with the messaging tables (outbox, processed_events) and `side_effects` for handlers. */
export interface MessagingTestDatabase {
  ds: DataSource;
  drop(): Promise<void>;
}

export async function messagingTestDatabase(name: string): Promise<MessagingTestDatabase> {
  const db = await createTestDatabase(name);
  const ds = new DataSource({ type: 'postgres', url: db.url, migrations: MESSAGING_MIGRATIONS });
  await ds.initialize();
  await ds.runMigrations();
  await ds.query(`CREATE TABLE side_effects (id serial PRIMARY KEY, case_no text, label text)`);
  return {
    ds,
    drop: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}

/** A messaging database with a relay (not started: tests run its rounds) and a collector on the test topic. */
export interface RelayTestKit {
  db: MessagingTestDatabase;
  config: ServiceConfig;
  kafka: KafkaConnection;
  relay: OutboxRelay;
  collector: EventCollector;
  close(): Promise<void>;
}

export async function relayTestKit(name: string): Promise<RelayTestKit> {
  const env = testEnv();
  const config = Object.assign(new ServiceConfig(), {
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: name,
    OUTBOX_POLL_MS: 50,
    OUTBOX_RELAY_ENABLED: false,
    OUTBOX_PARK_AFTER_ATTEMPTS: 2,
  });
  const db = await messagingTestDatabase(name);
  const kafka = new KafkaConnection(config);
  const relay = new OutboxRelay(db.ds, kafka, config);
  const collector = new EventCollector(env.kafkaBrokers, [TOPICS.APPLICATION_NOT_ACCEPTED]);
  await collector.start();
  return {
    db,
    config,
    kafka,
    relay,
    collector,
    close: async () => {
      await relay.stop();
      await collector.stop();
      await kafka.onApplicationShutdown();
      await db.drop();
    },
  };
}
