import { randomBytes } from 'node:crypto';
import { testEnv } from './test-env';
import { TEST_WORK_CALENDAR_FILE } from './work-calendar.fixture';

/** The environment of one domain service under test: its own database, a unique consumer group. */
export function serviceTestEnv(
  service: string,
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env = testEnv();
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: `it-${service}`,
    KAFKA_GROUP_ID: `it-${service}-${randomBytes(4).toString('hex')}`,
    KAFKA_FROM_BEGINNING: 'false',
    KAFKA_RETRY_BASE_MS: '50',
    KAFKA_MAX_RETRIES: '2',
    JWT_PUBLIC_KEY: env.jwtPublicKey,
    PII_HASH_KEY: env.piiHashKey,
    WORK_CALENDAR_FILE: TEST_WORK_CALENDAR_FILE,
    SHUTDOWN_DELAY_MS: '0',
    ...extra,
  };
}

/** A case number unlikely to collide with any earlier run on the same broker. */
export function uniqueCaseNo(): string {
  return `${String(100000 + Math.floor(Math.random() * 900000))}20261124${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}
