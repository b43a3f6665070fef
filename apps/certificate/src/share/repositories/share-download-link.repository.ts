import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { ShareDownloadLinkEntity } from '../entities/share-download-link.entity';

/** Temporary download links (single use, expiring). */
@Injectable()
export class ShareDownloadLinkRepository {
  constructor(
    @InjectRepository(ShareDownloadLinkEntity) private readonly repo: Repository<ShareDownloadLinkEntity>,
  ) {}

  /** Stores a new link; links expired for a day are dropped on the way (the usage log keeps the uses). */
  async add(link: DeepPartial<ShareDownloadLinkEntity>): Promise<void> {
    await this.repo.createQueryBuilder().delete().where(`expires_at < now() - interval '1 day'`).execute();
    await this.repo.insert(link);
  }

  /**
   * Claims the link for one download: marks it used if it is unused and unexpired, in one statement (two
   * concurrent requests cannot both win). Null when unknown, used or expired.
   */
  async claim(id: string): Promise<ShareDownloadLinkEntity | null> {
    const r = await this.repo
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL AND expires_at > now()', { id })
      .returning('*')
      .execute();
    const row = (r.raw as Array<Record<string, unknown>>)[0];
    if (!row) return null;
    return this.repo.create({
      id: row.id as string,
      licenceId: row.licence_id as string,
      accessId: row.access_id as string,
      deptCode: row.dept_code as string,
      useCause: row.use_cause as string,
      expiresAt: row.expires_at as Date,
      usedAt: row.used_at as Date,
    });
  }

  /** Gives a claimed link back (the file could not be produced: the partner may try again). */
  async release(id: string): Promise<void> {
    await this.repo.update({ id }, { usedAt: null });
  }
}
