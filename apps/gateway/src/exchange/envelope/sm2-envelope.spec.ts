import { sm2 } from 'sm-crypto-v2';
import { nextExchangeAttempt } from '../exchange-settings';
import {
  EnvelopeKeys,
  openEnvelope,
  publicKeyOf,
  sealEnvelope,
  signedString,
  sm2DecryptHex,
  sm2VerifyHex,
} from './sm2-envelope';

const ours = sm2.generateKeyPairHex();
const province = sm2.generateKeyPairHex();
const keys = (signParams: boolean): EnvelopeKeys => ({
  appMark: 'GOV-APP-1',
  appWord: 'word-42',
  privateKeyHex: ours.privateKey,
  publicKeyHex: publicKeyOf(ours.privateKey),
  provincePublicKeyHex: province.publicKey.slice(2), // 128-hex form is accepted too
  signParams,
});
const record = { projectNo: '33010620261126000123', userName: '张三', satisfaction: '5' };

describe('exchange SM2 envelope', () => {
  it.each([true, false])(
    'seals and opens: signature verifies, params decrypt (signParams %s)',
    (signParams) => {
      const e = sealEnvelope('evaluate', record, keys(signParams), new Date('2020-06-28T02:49:25Z'));
      expect(e).toEqual({
        appMark: 'GOV-APP-1',
        time: '20200628104925',
        sign: expect.any(String),
        params: expect.any(String),
      });
      expect(e.params).toMatch(/^04[0-9a-f]+$/);
      expect(e.sign).toMatch(/^30[0-9a-f]+$/); // DER SEQUENCE
      const opened = openEnvelope(e, {
        senderPublicKeyHex: ours.publicKey,
        recipientPrivateKeyHex: province.privateKey,
        appWord: 'word-42',
        signParams,
      });
      expect(opened).toEqual({ verified: true, params: { data: [{ evaluate: record }] } });
    },
  );

  it('signs exactly time + appMark + appWord (+ params)', () => {
    const e = sealEnvelope('projectService', record, keys(true));
    expect(sm2VerifyHex(`${e.time}${e.appMark}word-42${e.params}`, e.sign, ours.publicKey)).toBe(true);
    expect(sm2VerifyHex(`${e.time}${e.appMark}word-42`, e.sign, ours.publicKey)).toBe(false);
    const plain = sealEnvelope('projectService', record, keys(false));
    expect(sm2VerifyHex(`${plain.time}${plain.appMark}word-42`, plain.sign, ours.publicKey)).toBe(true);
    expect(signedString({ time: 't', appMark: 'm', params: 'p' }, 'w', true)).toBe('tmwp');
  });

  it('refuses a tampered envelope, a wrong signer and a wrong word', () => {
    const e = sealEnvelope('evaluate', record, keys(true));
    const other = sm2.generateKeyPairHex();
    const open = (x: typeof e, o: Partial<{ sender: string; word: string }> = {}) =>
      openEnvelope(x, {
        senderPublicKeyHex: o.sender ?? ours.publicKey,
        recipientPrivateKeyHex: province.privateKey,
        appWord: o.word ?? 'word-42',
        signParams: true,
      }).verified;
    expect(open({ ...e, time: '20990101000000' })).toBe(false);
    expect(open(e, { sender: other.publicKey })).toBe(false);
    expect(open(e, { word: 'other' })).toBe(false);
    const forged = sealEnvelope('evaluate', { ...record, satisfaction: '1' }, keys(true));
    expect(open({ ...e, params: forged.params })).toBe(false);
    expect(() => sm2DecryptHex(e.params, other.privateKey)).toThrow();
  });

  it('backs off exponentially with full jitter, and is dead after the last attempt', () => {
    const r = { baseMs: 1000, maxDelayMs: 5000, maxAttempts: 4 };
    const now = new Date(0);
    expect(nextExchangeAttempt(1, r, now, () => 0.999)!.getTime()).toBe(999);
    expect(nextExchangeAttempt(2, r, now, () => 0.999)!.getTime()).toBe(1998);
    expect(nextExchangeAttempt(3, r, now, () => 0.999)!.getTime()).toBe(3996);
    expect(nextExchangeAttempt(3, r, now, () => 0)!.getTime()).toBe(0);
    expect(nextExchangeAttempt(4, r, now)).toBeNull();
    expect(nextExchangeAttempt(3, { ...r, maxDelayMs: 1500 }, now, () => 0.999)!.getTime()).toBe(1498);
  });
});
