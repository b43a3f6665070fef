import { DomainError } from '@app/shared/errors';
import { generateSm2KeyPair } from '../../../licence-core';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';
import { signedLicence } from '../../testing/licence.fixture';
import { GetLicenceUseCase } from './get-licence.use-case';

describe('GetLicenceUseCase', () => {
  const { row } = signedLicence({ kid: 'k1', privateKeyHex: generateSm2KeyPair().privateKeyHex });
  let getById: jest.Mock;
  let record: jest.Mock;
  let useCase: GetLicenceUseCase;

  beforeEach(() => {
    getById = jest.fn().mockResolvedValue(row);
    record = jest.fn().mockResolvedValue(undefined);
    useCase = new GetLicenceUseCase(
      { getById } as unknown as LicenceRepository,
      { record } as unknown as LicenceUsageRepository,
    );
  });

  it('returns the licence view and logs the query with its purpose and requester', async () => {
    const view = await useCase.execute({
      licenceId: row.licenceId,
      requester: { sub: 'u1', dept: '113301000024901620' },
      purpose: '核验用途',
    });
    expect(view).toMatchObject({
      licenceId: row.licenceId,
      status: 'ISSUED',
      type: { code: row.typeCode, name: row.typeName },
      holder: { name: row.holderName, certType: '001', certNo: row.holderCertMasked },
      file: { sm3: row.fileSm3, contentType: 'application/pdf' },
      signature: { algorithm: 'SM2-SM3', kid: 'k1', value: row.signature },
    });
    expect(view).not.toHaveProperty('holderCertHash');
    expect(getById).toHaveBeenCalledWith(row.licenceId);
    expect(record).toHaveBeenCalledWith({
      licenceId: row.licenceId,
      action: 'QUERY',
      requester: { sub: 'u1', dept: '113301000024901620' },
      purpose: '核验用途',
      result: 'OK',
    });
  });

  it('logs nothing for a licence that does not exist', async () => {
    getById.mockRejectedValue(new DomainError('LICENCE_NOT_FOUND'));
    await expect(
      useCase.execute({ licenceId: 'x', requester: { sub: 'u1' }, purpose: '核验用途' }),
    ).rejects.toMatchObject({ code: 'LICENCE_NOT_FOUND' });
    expect(record).not.toHaveBeenCalled();
  });
});
