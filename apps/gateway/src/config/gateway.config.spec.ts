import { loadConfig } from '@app/shared/config';
import { GatewayConfig } from './gateway.config';

const base = {
  JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----',
  DATABASE_URL: 'postgres://gateway@db/gov_gateway',
};
const problem = (env: Record<string, string>): string => {
  try {
    loadConfig(GatewayConfig, env);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('GatewayConfig (partner webhooks)', () => {
  it('needs a database but no PII hash key, and has safe webhook defaults', () => {
    const c = loadConfig(GatewayConfig, base);
    expect(c.KAFKA_GROUP_ID).toBe('gateway');
    expect(c.PII_HASH_KEY).toBeUndefined();
    expect(c.WEBHOOK_ALLOW_HTTP).toBe(false);
    expect(c.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe('false');
    expect(c.WEBHOOK_RETRY_WINDOW_MS).toBe(86_400_000);
    expect(c.WEBHOOK_SECRET_OVERLAP_SECONDS).toBe(86_400);
    expect(problem({ JWT_PUBLIC_KEY: base.JWT_PUBLIC_KEY })).toContain('DATABASE_URL');
  });

  it('requires the secret-sealing key in production, of at least 32 characters', () => {
    expect(problem({ ...base, NODE_ENV: 'production' })).toContain('WEBHOOK_SECRET_KEY');
    expect(problem({ ...base, NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'short' })).toContain(
      'WEBHOOK_SECRET_KEY',
    );
    expect(problem({ ...base, NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'k'.repeat(32) })).toBe('ok');
  });

  it('takes true, false or a list of networks as the private-target allowance', () => {
    for (const v of ['true', 'false', '127.0.0.0/8', '127.0.0.0/8,::1/128']) {
      expect([v, problem({ ...base, WEBHOOK_ALLOW_PRIVATE_TARGETS: v })]).toEqual([v, 'ok']);
    }
    expect(problem({ ...base, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'everything' })).toContain(
      'WEBHOOK_ALLOW_PRIVATE_TARGETS',
    );
  });

  it('refuses http webhook targets in production at startup, with the reason', () => {
    const prod = { ...base, NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'k'.repeat(32) };
    expect(problem({ ...prod, WEBHOOK_ALLOW_HTTP: 'true' })).toContain(
      'WEBHOOK_ALLOW_HTTP=true is not allowed with NODE_ENV=production',
    );
    expect(problem({ ...prod, WEBHOOK_ALLOW_HTTP: 'false' })).toBe('ok');
    expect(problem(prod)).toBe('ok');
    for (const env of ['development', 'test']) {
      expect(problem({ ...base, NODE_ENV: env, WEBHOOK_ALLOW_HTTP: 'true' })).toBe('ok');
    }
  });

  it('takes the 好差评 constants: an https statusUrl template with {projectNo}, area code and name together', () => {
    const ok = {
      ...base,
      EXCHANGE_STATUS_URL_TEMPLATE: 'https://zwfw.example.gov.cn/case?no={projectNo}',
      EXCHANGE_AREA_CODE: '330106000000',
      EXCHANGE_AREA_NAME: '杭州市西湖区',
      EXCHANGE_HCP_SOURCE: '1',
    };
    expect(problem(ok)).toBe('ok');
    expect(problem({ ...ok, EXCHANGE_STATUS_URL_TEMPLATE: 'http://x/{projectNo}' })).toContain(
      'EXCHANGE_STATUS_URL_TEMPLATE',
    );
    expect(problem({ ...ok, EXCHANGE_STATUS_URL_TEMPLATE: 'https://x/case' })).toContain(
      'EXCHANGE_STATUS_URL_TEMPLATE',
    );
    expect(problem({ ...base, EXCHANGE_AREA_CODE: '330106000000' })).toContain('EXCHANGE_AREA_NAME');
    expect(problem({ ...base, EXCHANGE_AREA_NAME: '西湖区' })).toContain('EXCHANGE_AREA_CODE');
    expect(problem({ ...ok, EXCHANGE_AREA_CODE: '3301' })).toContain('EXCHANGE_AREA_CODE');
  });
});
