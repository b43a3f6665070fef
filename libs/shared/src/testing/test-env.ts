import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { signToken, TokenClaims } from '../auth/token-signer';

/**
 * Values the Jest globalSetup put on process.env (the only channel that reaches the workers).
 * Tests read them here, never from process.env directly.
 */
export function testEnv() {
  const env = process.env;
  const need = (k: string): string => {
    const v = env[k];
    if (!v) throw new Error(`${k} is not set: run tests through jest (globalSetup provides it)`);
    return v;
  };
  return {
    postgresUrl: need('TEST_POSTGRES_URL'),
    redisUrl: need('TEST_REDIS_URL'),
    kafkaBrokers: need('TEST_KAFKA_BROKERS').split(','),
    jwtPublicKey: need('TEST_JWT_PUBLIC_KEY'),
    jwtPrivateKey: need('TEST_JWT_PRIVATE_KEY'),
    piiHashKey: 'test-pii-hash-key-0123456789',
  };
}

export function testToken(
  claims: TokenClaims,
  opts: { expiresInSeconds?: number; issuer?: string } = {},
): string {
  return signToken(claims, testEnv().jwtPrivateKey, opts);
}

/** Creates an empty database with a unique name and returns its URL. */
export async function createTestDatabase(
  prefix: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const base = testEnv().postgresUrl;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export { ensureTopics } from '../kafka/topics-admin';
