import { createQrToken, generateSm2KeyPair } from '../../../licence-core';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';
import { SigningKeysService } from '../../signing-keys.service';
import { signedLicence } from '../../testing/licence.fixture';
import { LicenceVerifier, RecordCheck } from '../../verification/licence-verifier';
import { VerifyQrTokenUseCase } from './verify-qr-token.use-case';

describe('VerifyQrTokenUseCase', () => {
  const key = generateSm2KeyPair();
  const { row, data } = signedLicence({ kid: 'k1', privateKeyHex: key.privateKeyHex });
  const token = (
    over: { identifier?: string; version?: string; kid?: string } = {},
    privateKeyHex = key.privateKeyHex,
  ) =>
    createQrToken(
      { identifier: data.identifier, version: '001', kid: 'k1', issuedAt: 1_700_000_000, ...over },
      privateKeyHex,
    );
  const intact: RecordCheck = {
    reason: null,
    signed: { data, version: '001', status: 'ISSUED', holderUserProp: '2' },
  };

  let publicKey: jest.Mock;
  let findById: jest.Mock;
  let record: jest.Mock;
  let checkRecord: jest.Mock;
  let useCase: VerifyQrTokenUseCase;

  beforeEach(() => {
    publicKey = jest.fn((kid: string) => Promise.resolve(kid === 'k1' ? key.publicKeyHex : undefined));
    findById = jest.fn().mockResolvedValue(row);
    record = jest.fn().mockResolvedValue(undefined);
    checkRecord = jest.fn().mockResolvedValue(intact);
    useCase = new VerifyQrTokenUseCase(
      { publicKey } as unknown as SigningKeysService,
      { findById } as unknown as LicenceRepository,
      { recordPublic: record } as unknown as LicenceUsageRepository,
      { checkRecord } as unknown as LicenceVerifier,
    );
  });

  it('answers a valid token with the verified licence and logs a public verification', async () => {
    expect(await useCase.execute(token())).toMatchObject({
      valid: true,
      licence: { licenceId: data.identifier, version: '001', status: 'ISSUED' },
    });
    expect(checkRecord).toHaveBeenCalledWith(row, 'VERIFY_QR', { identifier: data.identifier });
    expect(record).toHaveBeenCalledWith({
      licenceId: row.licenceId,
      action: 'VERIFY_QR',
      requester: { sub: 'public' },
      purpose: '扫码核验',
      result: 'VALID',
    });
  });

  it('refuses malformed tokens and payloads that could never have been issued, before any lookup', async () => {
    for (const t of [
      'garbage',
      'GOVLIC1.a.b',
      token({ identifier: 'x\u0000' }),
      token({ kid: 'k 1' }),
      token({ version: '1' }),
    ]) {
      expect(await useCase.execute(t)).toMatchObject({ valid: false, reason: 'MALFORMED' });
    }
    expect(publicKey).not.toHaveBeenCalled();
    expect(findById).not.toHaveBeenCalled();
    expect(record).not.toHaveBeenCalled();
  });

  it('answers an unknown key and a bad signature without reading the licence', async () => {
    expect(await useCase.execute(token({ kid: 'k9' }))).toEqual({
      valid: false,
      reason: 'UNKNOWN_KEY',
      message: expect.any(String),
      licence: undefined,
    });
    const forged = token({}, generateSm2KeyPair().privateKeyHex);
    expect(await useCase.execute(forged)).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
    expect(findById).not.toHaveBeenCalled();
  });

  it('answers NOT_FOUND, SUPERSEDED and the record check’s verdict', async () => {
    findById.mockResolvedValueOnce(null);
    expect(await useCase.execute(token())).toMatchObject({ valid: false, reason: 'NOT_FOUND' });
    expect(record).not.toHaveBeenCalled();

    checkRecord.mockResolvedValueOnce({ ...intact, signed: { ...intact.signed, version: '002' } });
    expect(await useCase.execute(token())).toMatchObject({
      valid: false,
      reason: 'SUPERSEDED',
      licence: { version: '002' },
    });

    checkRecord.mockResolvedValueOnce({ reason: 'RECORD_MISMATCH' });
    const tampered = await useCase.execute(token());
    expect(tampered).toMatchObject({ valid: false, reason: 'RECORD_MISMATCH' });
    expect(tampered.licence).toBeUndefined();
    expect(record).toHaveBeenLastCalledWith(expect.objectContaining({ result: 'RECORD_MISMATCH' }));
  });
});
