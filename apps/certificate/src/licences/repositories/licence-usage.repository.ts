import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LicenceUsageEntity } from '../entities/usage.entity';

/** VERIFY_DATA and DOWNLOAD_URL come from the 证照共享 interface (verifyCertInfo, downloadUrl). */
export type UsageAction = 'QUERY' | 'DOWNLOAD' | 'VERIFY_QR' | 'VERIFY_FILE' | 'VERIFY_DATA' | 'DOWNLOAD_URL';

export interface UsageRecord {
  licenceId: string;
  action: UsageAction;
  requester: { sub: string; dept?: string | null };
  purpose: string;
  result: string;
}

/** A public verification is logged under this requester. */
export const PUBLIC_REQUESTER = { sub: 'public' } as const;

/** Public scans are written in batches at most this often (or when this many are waiting). */
export const PUBLIC_LOG_FLUSH_MS = 250;
const PUBLIC_LOG_BATCH = 500;

const row = (u: UsageRecord) => ({
  licenceId: u.licenceId,
  action: u.action,
  requesterSub: u.requester.sub,
  requesterDept: u.requester.dept ?? null,
  purpose: u.purpose,
  result: u.result,
});

/**
 * 用证记录: the one place the usage log is written and read. A department's use (query, download, with
 * its stated purpose) is written before the answer leaves. Anonymous public scans (QR and file
 * verification) are many and carry no purpose: they are buffered and written in one INSERT every
 * PUBLIC_LOG_FLUSH_MS, and flushed at shutdown — only a crash can lose the last fraction of a second of them.
 */
@Injectable()
export class LicenceUsageRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(LicenceUsageRepository.name);
  private buffer: UsageRecord[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(@InjectRepository(LicenceUsageEntity) private readonly repo: Repository<LicenceUsageEntity>) {}

  async record(u: UsageRecord): Promise<void> {
    await this.repo.insert(row(u));
  }

  /** Logs an anonymous public verification (batched, see above). */
  recordPublic(u: UsageRecord): void {
    this.buffer.push(u);
    if (this.buffer.length >= PUBLIC_LOG_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), PUBLIC_LOG_FLUSH_MS);
  }

  /** Writes what is buffered (one INSERT); a failed batch is logged and kept for the next flush. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await this.repo.insert(batch.map(row));
      } catch (e) {
        this.logger.warn({ err: e, rows: batch.length }, 'public usage log batch not written; retrying');
        this.buffer.unshift(...batch.slice(0, 10_000));
        this.timer ??= setTimeout(() => void this.flush(), PUBLIC_LOG_FLUSH_MS * 4);
      }
    });
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** The latest `limit` entries of a licence, newest first. */
  latest(licenceId: string, limit = 200): Promise<LicenceUsageEntity[]> {
    return this.repo.find({ where: { licenceId }, order: { id: 'DESC' }, take: limit });
  }
}
