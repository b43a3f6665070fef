import { generateEs256KeyPair } from '../../libs/shared/src/auth/token-signer';
import { ensureTopics } from '../../libs/shared/src/testing/test-env';

type Mode = 'external' | 'containers';

async function containerEngineAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * TEST_INFRA=external: the machine's PostgreSQL/Redis and the broker started by scripts/infra-up.sh
 * (DATABASE_ADMIN_URL / REDIS_URL / KAFKA_BROKERS, with local defaults).
 * TEST_INFRA=containers: testcontainers. Unset: containers when an engine answers, external otherwise.
 * Everything the workers need goes on process.env (plain globals do not reach them).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_POSTGRES_URL) return; // a second project in the same run: already set up
  const requested = process.env.TEST_INFRA as Mode | undefined;
  const mode: Mode = requested ?? ((await containerEngineAvailable()) ? 'containers' : 'external');
  let postgresUrl: string;
  let redisUrl: string;
  let brokers: string;
  if (mode === 'containers') {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const { RedisContainer } = await import('@testcontainers/redis');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const [pg, redis, kafka] = await Promise.all([
      new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
      new RedisContainer('redis:7').start(),
      new KafkaContainer('confluentinc/cp-kafka:7.9.1').withKraft().start(),
    ]);
    postgresUrl = `postgres://postgres:postgres@${pg.getHost()}:${pg.getPort()}/postgres`;
    redisUrl = `redis://${redis.getHost()}:${redis.getPort()}`;
    brokers = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    (globalThis as Record<string, unknown>).__TEST_CONTAINERS__ = [pg, redis, kafka];
  } else {
    postgresUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  }
  await ensureTopics(brokers.split(','));
  const keys = generateEs256KeyPair();
  Object.assign(process.env, {
    TEST_INFRA_MODE: mode,
    TEST_POSTGRES_URL: postgresUrl,
    TEST_REDIS_URL: redisUrl,
    TEST_KAFKA_BROKERS: brokers,
    TEST_JWT_PUBLIC_KEY: keys.publicKeyPem,
    TEST_JWT_PRIVATE_KEY: keys.privateKeyPem,
  });
  console.log(
    `\n[test] infrastructure: ${mode} (postgres ${postgresUrl.replace(/\/\/[^@]*@/, '//***@')}, redis ${redisUrl}, kafka ${brokers})`,
  );
}
