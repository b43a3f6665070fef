import { Logger } from '@nestjs/common';
import { generateSm2KeyPair } from '../../licence-core';
import { SigningKeysService } from '../signing-keys.service';
import { signedLicence } from '../testing/licence.fixture';
import { LicenceVerifier, publicHolderName, REASON_TEXT, verdict } from './licence-verifier';

describe('LicenceVerifier', () => {
  const key = generateSm2KeyPair();
  const k = { kid: 'k1', privateKeyHex: key.privateKeyHex };
  let errors: jest.SpyInstance;
  let publicKeyOfRecord: jest.Mock;
  let verifier: LicenceVerifier;

  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    publicKeyOfRecord = jest.fn((kid: string) =>
      Promise.resolve(kid === 'k1' ? key.publicKeyHex : undefined),
    );
    verifier = new LicenceVerifier({ publicKeyOfRecord } as unknown as SigningKeysService);
  });
  afterEach(() => jest.restoreAllMocks());

  const now = new Date('2027-01-01T00:00:00Z');

  it('passes an intact record and returns its signed data', async () => {
    const { row, data } = signedLicence(k);
    const c = await verifier.checkRecord(row, 'VERIFY_QR', { identifier: data.identifier }, now);
    expect(c).toMatchObject({ reason: null, signed: { data, version: '001', status: 'ISSUED' } });
    expect(errors).not.toHaveBeenCalled();
  });

  it('reports an unknown key, a broken signature and an edited column as incidents', async () => {
    const { row } = signedLicence(k);
    expect((await verifier.checkRecord({ ...row, kid: 'other' }, 'VERIFY_QR', {}, now)).reason).toBe(
      'UNKNOWN_KEY',
    );
    expect((await verifier.checkRecord({ ...row, signature: 'AAAA' }, 'VERIFY_QR', {}, now)).reason).toBe(
      'RECORD_TAMPERED',
    );
    const edited = await verifier.checkRecord({ ...row, validTo: '2099-12-31' }, 'VERIFY_FILE', {}, now);
    expect(edited).toEqual({ reason: 'RECORD_MISMATCH' });
    expect(errors).toHaveBeenLastCalledWith(
      expect.objectContaining({ via: 'VERIFY_FILE', reason: 'RECORD_MISMATCH', mismatched: ['valid_to'] }),
      expect.any(String),
    );
    const otherFile = await verifier.checkRecord(row, 'VERIFY_FILE', { fileSm3: 'c'.repeat(64) }, now);
    expect(otherFile.reason).toBe('RECORD_MISMATCH');
  });

  it('answers REVOKED and EXPIRED (by the Shanghai date) only for intact records', async () => {
    const { row } = signedLicence(k);
    expect((await verifier.checkRecord({ ...row, status: 'REVOKED' }, 'VERIFY_QR', {}, now)).reason).toBe(
      'REVOKED',
    );
    // 2031-11-23T16:00Z is already 2031-11-24 in Shanghai: the day after validTo.
    const after = new Date('2031-11-23T16:00:00Z');
    expect((await verifier.checkRecord(row, 'VERIFY_QR', {}, after)).reason).toBe('EXPIRED');
    const lastDay = new Date('2031-11-23T15:59:59Z');
    expect((await verifier.checkRecord(row, 'VERIFY_QR', {}, lastDay)).reason).toBeNull();
  });

  it('builds the verdict: nothing of the record after an integrity failure, names masked for persons', async () => {
    const { row, data } = signedLicence(k);
    const c = await verifier.checkRecord(row, 'VERIFY_QR', {}, now);
    expect(verdict(null, c.signed)).toMatchObject({
      valid: true,
      licence: { licenceId: data.identifier, holderName: data.holderName, version: '001' },
    });
    expect(verdict('RECORD_MISMATCH', c.signed)).toEqual({
      valid: false,
      reason: 'RECORD_MISMATCH',
      message: REASON_TEXT.RECORD_MISMATCH,
      licence: undefined,
    });
    expect(verdict('REVOKED', c.signed).licence).toBeDefined();
    expect(publicHolderName({ ...data, holderName: '张三丰', holderCodeType: '111' }, '2')).toBe('张**');
    expect(publicHolderName({ ...data, holderName: '李四' }, '1')).toBe('李*');
    expect(publicHolderName(data, '2')).toBe(data.holderName);
  });
});
