import { createPublicKey, randomUUID } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { unsetEnvironment } from '@app/shared/config';
import { BootedApp, uniqueCaseNo } from '@app/shared/testing';
import { caseLife, EXPECTED_KINDS } from './exchange-fixtures';
import { ExchangeUnderTest, startExchangeUnderTest } from './exchange-under-test';
import { bootGatewayApp, gatewayExtraEnv } from './gateway-under-test';
import { sealEnvelope, signedString, sm2VerifyHex } from '../src/exchange/envelope/sm2-envelope';

const HCP_ENV = {
  EXCHANGE_STATUS_URL_TEMPLATE: 'https://zwfw.example.gov.cn/case?no={projectNo}',
  EXCHANGE_AREA_CODE: '330100000000',
  EXCHANGE_AREA_NAME: '杭州市',
  EXCHANGE_HCP_SOURCE: '1',
  EXCHANGE_HCP_SOURCE_TJ: '2',
};

describe('provincial exchange: the public key without a signing key (integration)', () => {
  let gw: BootedApp;
  beforeAll(async () => {
    // Test boots apply their env to the process environment: no key may be left from another boot.
    unsetEnvironment(['EXCHANGE_ENABLED', 'EXCHANGE_SM2_PRIVATE_KEY']);
    gw = await bootGatewayApp(gatewayExtraEnv());
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers 404 NOT_FOUND, and the key is read-only', async () => {
    const r = await fetch(`${gw.url}/api/v1/exchange/public-key`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: string }).code).toBe('NOT_FOUND');
    const post = await fetch(`${gw.url}/api/v1/exchange/public-key`, { method: 'POST' });
    expect(post.status).toBe(404);
  });
});

/**
 * Our published exchange key, and what the province checks with it: the stand-in province trusts only the
 * key the gateway publishes (exchange-under-test), refuses a record with a field missing or a code outside
 * the reference, and receives the local 特别程序 types as 5 挂起 and the §2.4 好差评 fields filled.
 */
describe('provincial exchange: published key, 特别程序 codes, 好差评 fields (integration)', () => {
  let x: ExchangeUnderTest;

  beforeAll(async () => {
    x = await startExchangeUnderTest(HCP_ENV);
  });

  afterAll(async () => {
    await x?.stop();
  });

  it('publishes our SM2 public key (hex, PEM, kid) to anyone, cacheable, matching the configured private key', async () => {
    const r = await fetch(`${x.t.svc.url}/api/v1/exchange/public-key`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('public');
    const k = (await r.json()) as Record<string, string | boolean>;
    const expected = sm2.getPublicKeyFromPrivateKey(x.env.EXCHANGE_SM2_PRIVATE_KEY);
    expect(k).toMatchObject({
      algorithm: 'SM2-SM3',
      userId: '1234567812345678',
      publicKeyHex: expected,
      appMark: 'it-gateway',
      signsParams: true,
    });
    expect(k.kid).toMatch(/^sm2-[0-9a-f]{16}$/);
    // The PEM is a SubjectPublicKeyInfo OpenSSL reads, holding the same point.
    const spki = createPublicKey(String(k.publicKeyPem)).export({ format: 'der', type: 'spki' });
    expect(spki.subarray(-65).toString('hex')).toBe(expected);
    expect(spki.includes(Buffer.from('06082a811ccf5501822d', 'hex'))).toBe(true);
  });

  it('the published key verifies every record the adapter signed; another key does not', async () => {
    const caseNo = uniqueCaseNo();
    await x.produce(caseLife(caseNo, undefined, undefined, { filed: true }).events);
    await x.waitDelivered(caseNo, EXPECTED_KINDS.length);
    const got = x.province.accepted(caseNo);
    expect(got).toHaveLength(EXPECTED_KINDS.length);
    const published = (
      (await (await fetch(`${x.t.svc.url}/api/v1/exchange/public-key`)).json()) as {
        publicKeyHex: string;
      }
    ).publicKeyHex;
    const other = sm2.generateKeyPairHex().publicKey;
    for (const r of got) {
      const text = signedString(r.envelope, x.env.EXCHANGE_APP_WORD, true);
      expect([r.kind, sm2VerifyHex(text, r.envelope.sign, published)]).toEqual([r.kind, true]);
      expect(sm2VerifyHex(text, r.envelope.sign, other)).toBe(false);
    }
    // The §2.4 fields, from the events and the configured constants.
    const service = got.find((r) => r.kind === 'projectService')!.record;
    expect(service).toMatchObject({
      statusUrl: `https://zwfw.example.gov.cn/case?no=${caseNo}`,
      areaCode: '330100000000',
      source: '1',
      sourceTJ: '2',
      telPhone: null,
    });
    expect(got.find((r) => r.kind === 'evaluate')!.record).toMatchObject({
      areaCode: '330100000000',
      areaName: '杭州市',
      proManager: 'officer-3',
    });
    expect(x.province.problems).toEqual([]);
  });

  it('sends the local 特别程序 type 7 检验检测 as 5 挂起, our code kept in special_explain', async () => {
    const caseNo = uniqueCaseNo();
    const life = caseLife(caseNo, undefined, undefined, { special: { type: '7', typeName: '检验检测' } });
    await x.produce(life.events);
    await x.waitDelivered(caseNo, EXPECTED_KINDS.length - 2); // no filed materials
    const special = x.province.accepted(caseNo).filter((r) => r.kind === 'up_pro_special_procedure');
    expect(special.map((r) => [r.record.special_type, r.record.special_name, r.record.cd_operation])).toEqual(
      [
        ['5', '挂起', 'I'],
        ['5', '挂起', 'U'],
      ],
    );
    expect(
      special.every((r) => String(r.record.special_explain).startsWith('本地特别程序 7 检验检测; ')),
    ).toBe(true);
    expect(x.province.problems).toEqual([]);
  });

  it('the stand-in refuses (400) a special_type outside the reference and a record with a §2.4 field missing', async () => {
    const keys = {
      appMark: 'it-gateway',
      appWord: x.env.EXCHANGE_APP_WORD,
      privateKeyHex: x.env.EXCHANGE_SM2_PRIVATE_KEY,
      publicKeyHex: sm2.getPublicKeyFromPrivateKey(x.env.EXCHANGE_SM2_PRIVATE_KEY),
      provincePublicKeyHex: x.province.keys.publicKey,
      signParams: true,
    };
    const delivered = x.province.accepted(); // both records below are copies of delivered ones, altered
    const special = delivered.find((r) => r.kind === 'up_pro_special_procedure')!.record;
    const { areaName: _gone, ...evaluate } = delivered.find((r) => r.kind === 'evaluate')!.record;
    const post = (kind: string, table: boolean, record: Record<string, unknown>) =>
      fetch(`${x.province.url}/${table ? 'exchange' : 'hcp'}/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sealEnvelope(kind, record, keys)),
      });
    const before = x.province.problems.length;
    const bad = { ...special, special_type: '7', row_guid: randomUUID() };
    expect((await post('up_pro_special_procedure', true, bad)).status).toBe(400);
    expect((await post('evaluate', false, evaluate)).status).toBe(400);
    expect(x.province.problems.splice(before)).toEqual([
      'up_pro_special_procedure.special_type="7"',
      'evaluate: missing areaName',
    ]);
  });
});
