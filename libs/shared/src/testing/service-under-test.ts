import { Type } from '@nestjs/common';
import { Client } from 'pg';
import { BaseConfig } from '../config/base.config';
import type { BootstrapOptions } from '../platform/bootstrap';
import { BootedApp, bootServiceApp } from './boot';
import { EventCollector } from './event-collector';
import { TestProducer } from './produce';
import { serviceTestEnv } from './service-env';
import { createTestDatabase, testEnv } from './test-env';

export interface ServiceUnderTest {
  svc: BootedApp;
  /** The service's own database (for tests that take it away and bring it back). */
  dbName: string;
  pg: Client;
  producer: TestProducer;
  collector: EventCollector;
  /** `SELECT count(*) …` as a number. */
  count: (sql: string, params?: unknown[]) => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * One domain service in-process on its own fresh database and consumer group, with a producer that
 * publishes like the other services, a collector on `topics`, and a direct PostgreSQL client for asserts.
 */
export async function startServiceUnderTest<T extends BaseConfig>(
  module: Type<unknown>,
  schema: new () => T,
  opts: {
    service: string;
    topics: string[];
    env?: Record<string, string>;
    configure?: BootstrapOptions['configure'];
    /** false for the gateway, which serves a merged document instead of its own. */
    ownOpenApi?: boolean;
  },
): Promise<ServiceUnderTest> {
  const brokers = testEnv().kafkaBrokers;
  const db = await createTestDatabase(`it_${opts.service}`);
  const svc = await bootServiceApp(module, schema, serviceTestEnv(opts.service, db.url, opts.env), {
    service: opts.service,
    kafkaConsumer: true,
    configure: opts.configure,
    ownOpenApi: opts.ownOpenApi,
  });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const producer = new TestProducer(brokers);
  const collector = new EventCollector(brokers, opts.topics);
  await collector.start();
  return {
    svc,
    dbName: db.name,
    pg,
    producer,
    collector,
    count: async (sql, params = []) => Number((await pg.query<{ n: string }>(sql, params)).rows[0].n),
    stop: async () => {
      await collector.stop();
      await producer.close();
      await svc.close();
      await pg.end();
      await db.drop();
    },
  };
}
