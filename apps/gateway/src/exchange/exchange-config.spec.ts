import { sm2 } from 'sm-crypto-v2';
import { loadConfig } from '@app/shared/config';
import { GatewayConfig } from '../config/gateway.config';
import { ExchangeSettings } from './exchange-settings';

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
const ours = sm2.generateKeyPairHex();
const province = sm2.generateKeyPairHex();
const enabled = {
  ...base,
  EXCHANGE_ENABLED: 'true',
  EXCHANGE_BASE_URL: 'https://zwfw.example.gov.cn/api',
  EXCHANGE_APP_MARK: 'APP1',
  EXCHANGE_SM2_PRIVATE_KEY: ours.privateKey,
  EXCHANGE_PROVINCE_PUBLIC_KEY: province.publicKey,
};

describe('GatewayConfig (provincial exchange)', () => {
  it('is off by default and then needs no keys', () => {
    const c = loadConfig(GatewayConfig, base);
    expect(c.EXCHANGE_ENABLED).toBe(false);
    expect(c.EXCHANGE_SIGN_PARAMS).toBe(true);
    expect(c.EXCHANGE_DATA_SOURCE).toBe('111');
    expect(c.EXCHANGE_MAX_ATTEMPTS).toBe(12);
    expect(new ExchangeSettings(c).keys).toBeUndefined();
  });

  it('needs the URL, appMark and both SM2 keys when enabled', () => {
    expect(problem(enabled)).toBe('ok');
    for (const k of [
      'EXCHANGE_BASE_URL',
      'EXCHANGE_APP_MARK',
      'EXCHANGE_SM2_PRIVATE_KEY',
      'EXCHANGE_PROVINCE_PUBLIC_KEY',
    ]) {
      const env: Record<string, string> = { ...enabled };
      delete env[k];
      expect(problem(env)).toContain(k);
    }
    expect(problem({ ...enabled, EXCHANGE_SM2_PRIVATE_KEY: 'abc' })).toContain('EXCHANGE_SM2_PRIVATE_KEY');
    expect(problem({ ...enabled, EXCHANGE_DATA_SOURCE: '1' })).toContain('EXCHANGE_DATA_SOURCE');
  });

  it('derives our public key and the push URLs', () => {
    const s = new ExchangeSettings(loadConfig(GatewayConfig, { ...enabled, EXCHANGE_SIGN_PARAMS: 'false' }));
    expect(s.keys).toMatchObject({ appMark: 'APP1', publicKeyHex: ours.publicKey, signParams: false });
    expect(s.urlOf('up_pro_accept', true)).toBe('https://zwfw.example.gov.cn/api/exchange/up_pro_accept');
    expect(s.urlOf('evaluate', false)).toBe('https://zwfw.example.gov.cn/api/hcp/evaluate');
  });
});
