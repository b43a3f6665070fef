import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LicenceUsageEntity } from '../entities/usage.entity';

export type UsageAction = 'QUERY' | 'DOWNLOAD' | 'VERIFY_QR' | 'VERIFY_FILE';

export interface UsageRecord {
  licenceId: string;
  action: UsageAction;
  requester: { sub: string; dept?: string | null };
  purpose: string;
  result: string;
}

/** A public verification is logged under this requester. */
export const PUBLIC_REQUESTER = { sub: 'public' } as const;

/** 用证记录: the one place the usage log is written and read. */
@Injectable()
export class LicenceUsageRepository {
  constructor(@InjectRepository(LicenceUsageEntity) private readonly repo: Repository<LicenceUsageEntity>) {}

  async record(u: UsageRecord): Promise<void> {
    await this.repo.insert({
      licenceId: u.licenceId,
      action: u.action,
      requesterSub: u.requester.sub,
      requesterDept: u.requester.dept ?? null,
      purpose: u.purpose,
      result: u.result,
    });
  }

  /** The latest `limit` entries of a licence, newest first. */
  latest(licenceId: string, limit = 200): Promise<LicenceUsageEntity[]> {
    return this.repo.find({ where: { licenceId }, order: { id: 'DESC' }, take: limit });
  }
}
