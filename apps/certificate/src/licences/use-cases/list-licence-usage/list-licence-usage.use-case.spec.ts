import { LicenceUsageEntity } from '../../entities/usage.entity';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';
import { ListLicenceUsageUseCase, USAGE_LOG_LIMIT } from './list-licence-usage.use-case';

describe('ListLicenceUsageUseCase', () => {
  it('lists the latest entries of an existing licence, newest first as stored, without logging itself', async () => {
    const rows: Partial<LicenceUsageEntity>[] = [
      {
        action: 'VERIFY_QR',
        requesterSub: 'public',
        requesterDept: null,
        purpose: '扫码核验',
        result: 'VALID',
        at: new Date('2026-11-25T02:00:00Z'),
      },
      {
        action: 'QUERY',
        requesterSub: 'u1',
        requesterDept: '113301000024901620',
        purpose: '核验用途',
        result: 'OK',
        at: new Date('2026-11-25T01:00:00Z'),
      },
    ];
    const getById = jest.fn().mockResolvedValue({ licenceId: 'L1' });
    const latest = jest.fn().mockResolvedValue(rows);
    const record = jest.fn();
    const useCase = new ListLicenceUsageUseCase(
      { getById } as unknown as LicenceRepository,
      { latest, record } as unknown as LicenceUsageRepository,
    );
    expect(await useCase.execute('L1')).toEqual({
      licenceId: 'L1',
      entries: [
        {
          action: 'VERIFY_QR',
          requester: 'public',
          dept: null,
          purpose: '扫码核验',
          result: 'VALID',
          at: '2026-11-25T02:00:00.000Z',
        },
        {
          action: 'QUERY',
          requester: 'u1',
          dept: '113301000024901620',
          purpose: '核验用途',
          result: 'OK',
          at: '2026-11-25T01:00:00.000Z',
        },
      ],
    });
    expect(latest).toHaveBeenCalledWith('L1', USAGE_LOG_LIMIT);
    expect(record).not.toHaveBeenCalled();
  });
});
