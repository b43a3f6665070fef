import { ConfigValidationError, loadConfig } from './load-config';
import { ServiceConfig } from './service.config';
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

  it('reports an unreadable X_FILE as a configuration problem, not a crash', () => {
    expect(() =>
      loadConfig(ServiceConfig, { ...valid, PII_HASH_KEY: undefined, PII_HASH_KEY_FILE: '/no/such' }),
    ).toThrow(/PII_HASH_KEY_FILE: cannot read \/no\/such \(ENOENT\)/);
  });

  it('validates the working-day calendar file with the rest of the configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ schedules: [{ year: 2027, source: 'test', holidays: ['2027-01-01'], workdays: [] }] }),
    );
    const c = loadConfig(ServiceConfig, { ...valid, WORK_CALENDAR_FILE: good });
    expect(JSON.parse(c.WORK_CALENDAR ?? '')).toMatchObject({ schedules: [{ year: 2027 }] });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ overrides: [{ date: '2027-02-30', working: 'yes' }] }));
    expect(() => loadConfig(ServiceConfig, { ...valid, WORK_CALENDAR_FILE: bad })).toThrow(
      /WORK_CALENDAR: overrides\[0\]\.date: must be a YYYY-MM-DD date; overrides\[0\]\.working: must be true or false/,
    );
  });

  it('reads Kafka TLS and SASL settings, and refuses SASL without credentials or a bad CA', () => {
    expect(loadConfig(ServiceConfig, valid).kafkaSecurity).toEqual({ ssl: undefined, sasl: undefined });
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const c = loadConfig(ServiceConfig, {
      ...valid,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: ca,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(c.kafkaSecurity).toEqual({
      ssl: { ca: [ca] },
      sasl: { mechanism: 'scram-sha-512', username: 'intake', password: 'secret' },
    });
    expect(loadConfig(ServiceConfig, { ...valid, KAFKA_SSL: 'true' }).kafkaSecurity.ssl).toBe(true);
    expect(() => loadConfig(ServiceConfig, { ...valid, KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME[\s\S]*KAFKA_SASL_PASSWORD|KAFKA_SASL_PASSWORD[\s\S]*KAFKA_SASL_USERNAME/,
    );
    expect(() => loadConfig(ServiceConfig, { ...valid, KAFKA_SASL_MECHANISM: 'kerberos' })).toThrow(
      /KAFKA_SASL_MECHANISM/,
    );
    expect(() => loadConfig(ServiceConfig, { ...valid, KAFKA_SSL_CA: 'not a pem' })).toThrow(/KAFKA_SSL_CA/);
  });
});
