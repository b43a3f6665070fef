import { ConfigValidationError, loadConfig } from './load-config';
import { ServiceConfig } from './base.config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----';
const valid = {
  PORT: '3001',
  KAFKA_CLIENT_ID: 'x',
  KAFKA_GROUP_ID: 'x',
  JWT_PUBLIC_KEY: PEM,
  DATABASE_URL: 'postgres://u@h/db',
  PII_HASH_KEY: 'k'.repeat(16),
};

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const c = loadConfig(ServiceConfig, valid);
    expect(c.PORT).toBe(3001);
    expect(c.KAFKA_MAX_RETRIES).toBe(3);
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(c.KAFKA_FROM_BEGINNING).toBe(true);
  });

  it('fails fast with every problem listed readably', () => {
    const env = {
      ...valid,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      KAFKA_BROKERS: 'nohost',
      PII_HASH_KEY: 'short',
    };
    expect(() => loadConfig(ServiceConfig, env)).toThrow(ConfigValidationError);
    try {
      loadConfig(ServiceConfig, env);
    } catch (e) {
      const msg = (e as Error).message;
      for (const k of ['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'PII_HASH_KEY']) expect(msg).toContain(k);
    }
  });

  it('reads X_FILE for the schema’s own variables only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'key'), `${'z'.repeat(20)}\n`);
    const c = loadConfig(ServiceConfig, {
      ...valid,
      PII_HASH_KEY: undefined,
      PII_HASH_KEY_FILE: join(dir, 'key'),
      SOMETHING_ELSE_FILE: '/does/not/exist',
    });
    expect(c.PII_HASH_KEY).toBe('z'.repeat(20));
  });
});
