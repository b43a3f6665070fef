import { Injectable } from '@nestjs/common';
import { UsageLog } from '../../dto/usage-log.response.dto';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';

/** How many entries the usage log shows (newest first). */
export const USAGE_LOG_LIMIT = 200;

/** Query: 用证记录 of a licence (a read only: nothing is logged). */
@Injectable()
export class ListLicenceUsageUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly usage: LicenceUsageRepository,
  ) {}

  async execute(licenceId: string): Promise<UsageLog> {
    const l = await this.licences.getById(licenceId);
    const rows = await this.usage.latest(l.licenceId, USAGE_LOG_LIMIT);
    return {
      licenceId: l.licenceId,
      entries: rows.map((r) => ({
        action: r.action,
        requester: r.requesterSub,
        dept: r.requesterDept,
        purpose: r.purpose,
        result: r.result,
        at: r.at.toISOString(),
      })),
    };
  }
}
