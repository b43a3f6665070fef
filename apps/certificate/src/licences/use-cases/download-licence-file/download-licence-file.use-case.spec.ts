import { DomainError } from '@app/shared/errors';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';
import { DownloadLicenceFileUseCase } from './download-licence-file.use-case';

describe('DownloadLicenceFileUseCase', () => {
  const file = Buffer.from('%PDF-1.7');
  let getById: jest.Mock;
  let record: jest.Mock;
  let useCase: DownloadLicenceFileUseCase;

  beforeEach(() => {
    getById = jest.fn().mockResolvedValue({ licenceId: 'L1', file });
    record = jest.fn().mockResolvedValue(undefined);
    useCase = new DownloadLicenceFileUseCase(
      { getById } as unknown as LicenceRepository,
      { record } as unknown as LicenceUsageRepository,
    );
  });

  it('reads the row with its file and logs the download', async () => {
    const r = await useCase.execute({ licenceId: 'L1', requester: { sub: 'p1' }, purpose: '下载核验' });
    expect(r).toEqual({ licenceId: 'L1', file });
    expect(getById).toHaveBeenCalledWith('L1', { withFile: true });
    expect(record).toHaveBeenCalledWith({
      licenceId: 'L1',
      action: 'DOWNLOAD',
      requester: { sub: 'p1' },
      purpose: '下载核验',
      result: 'OK',
    });
  });

  it('logs nothing for a licence that does not exist', async () => {
    getById.mockRejectedValue(new DomainError('LICENCE_NOT_FOUND'));
    await expect(
      useCase.execute({ licenceId: 'L2', requester: { sub: 'p1' }, purpose: '下载核验' }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(record).not.toHaveBeenCalled();
  });
});
