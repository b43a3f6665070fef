import { generateSm2KeyPair, sm3Hex } from '../../../licence-core';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';
import { signedLicence } from '../../testing/licence.fixture';
import { LicenceVerifier, RecordCheck } from '../../verification/licence-verifier';
import { VerifyLicenceFileUseCase } from './verify-licence-file.use-case';

describe('VerifyLicenceFileUseCase', () => {
  const file = Buffer.from('%PDF-1.7 licence');
  const digest = sm3Hex(file);
  const { row, data } = signedLicence(
    { kid: 'k1', privateKeyHex: generateSm2KeyPair().privateKeyHex },
    { fileSm3: digest },
  );
  const intact: RecordCheck = {
    reason: null,
    signed: { data, version: '001', status: 'ISSUED', holderUserProp: '2' },
  };

  let findByFileHash: jest.Mock;
  let record: jest.Mock;
  let checkRecord: jest.Mock;
  let useCase: VerifyLicenceFileUseCase;

  beforeEach(() => {
    findByFileHash = jest.fn().mockResolvedValue([row]);
    record = jest.fn().mockResolvedValue(undefined);
    checkRecord = jest.fn().mockResolvedValue(intact);
    useCase = new VerifyLicenceFileUseCase(
      { findByFileHash } as unknown as LicenceRepository,
      { recordPublic: record } as unknown as LicenceUsageRepository,
      { checkRecord } as unknown as LicenceVerifier,
    );
  });

  it('answers FILE_NOT_ISSUED with the hash when no licence claims the file, logging nothing', async () => {
    findByFileHash.mockResolvedValue([]);
    expect(await useCase.execute(file)).toMatchObject({
      valid: false,
      reason: 'FILE_NOT_ISSUED',
      fileSm3: digest,
    });
    expect(findByFileHash).toHaveBeenCalledWith(digest);
    expect(record).not.toHaveBeenCalled();
  });

  it('verifies the licence of the file against its record and logs a public verification', async () => {
    expect(await useCase.execute(file)).toMatchObject({
      valid: true,
      fileSm3: digest,
      licence: { licenceId: data.identifier },
    });
    expect(checkRecord).toHaveBeenCalledWith(row, 'VERIFY_FILE', { fileSm3: digest });
    expect(record).toHaveBeenCalledWith({
      licenceId: row.licenceId,
      action: 'VERIFY_FILE',
      requester: { sub: 'public' },
      purpose: '文件核验',
      result: 'VALID',
    });
  });

  it('checks every row claiming the hash and lets an intact one decide', async () => {
    const forged = { ...row, licenceId: 'FORGED' };
    findByFileHash.mockResolvedValue([forged, row]);
    checkRecord.mockResolvedValueOnce({ reason: 'RECORD_MISMATCH' }).mockResolvedValueOnce(intact);
    expect(await useCase.execute(file)).toMatchObject({ valid: true });
    expect(checkRecord).toHaveBeenCalledTimes(2);
    expect(record).toHaveBeenCalledWith(
      expect.objectContaining({ licenceId: row.licenceId, result: 'VALID' }),
    );
  });

  it('answers the first row’s integrity failure when none is intact, showing nothing of it', async () => {
    checkRecord.mockResolvedValue({ reason: 'RECORD_TAMPERED' });
    const r = await useCase.execute(file);
    expect(r).toMatchObject({ valid: false, reason: 'RECORD_TAMPERED', fileSm3: digest });
    expect(r.licence).toBeUndefined();
    expect(record).toHaveBeenCalledWith(expect.objectContaining({ result: 'RECORD_TAMPERED' }));
  });
});
