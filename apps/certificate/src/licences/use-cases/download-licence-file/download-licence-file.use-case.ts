import { Injectable } from '@nestjs/common';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';
import type { ReadLicenceCommand } from '../get-licence/get-licence.use-case';

export interface LicenceFile {
  licenceId: string;
  file: Buffer;
}

/** 证照 PDF for a department, the download logged with its purpose. */
@Injectable()
export class DownloadLicenceFileUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly usage: LicenceUsageRepository,
  ) {}

  async execute(c: ReadLicenceCommand): Promise<LicenceFile> {
    const l = await this.licences.getById(c.licenceId, { withFile: true });
    await this.usage.record({
      licenceId: l.licenceId,
      action: 'DOWNLOAD',
      requester: c.requester,
      purpose: c.purpose,
      result: 'OK',
    });
    return { licenceId: l.licenceId, file: l.file };
  }
}
