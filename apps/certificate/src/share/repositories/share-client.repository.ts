import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { DomainError } from '@app/shared/errors';
import { ShareClientEntity } from '../entities/share-client.entity';

/** Partner clients of the share interface: every read and write of `share_clients` goes through here. */
@Injectable()
export class ShareClientRepository {
  constructor(@InjectRepository(ShareClientEntity) private readonly repo: Repository<ShareClientEntity>) {}

  findById(accessId: string): Promise<ShareClientEntity | null> {
    return this.repo.findOne({ where: { accessId } });
  }

  /** The client, or 404 NOT_FOUND. */
  async getById(accessId: string): Promise<ShareClientEntity> {
    const c = await this.findById(accessId);
    if (!c) throw new DomainError('NOT_FOUND', '共享客户端不存在 / Share client not found', { accessId });
    return c;
  }

  /** Inserts a new client; an accessId already taken is 409 INVALID_STATE. */
  async insert(client: DeepPartial<ShareClientEntity>): Promise<ShareClientEntity> {
    const r = await this.repo
      .createQueryBuilder()
      .insert()
      .values(client)
      .orIgnore()
      .returning('access_id')
      .execute();
    if ((r.raw as unknown[]).length === 0) {
      throw new DomainError('INVALID_STATE', 'accessId 已被使用 / accessId is already taken', {
        accessId: client.accessId,
      });
    }
    return this.getById(client.accessId as string);
  }

  async update(accessId: string, patch: DeepPartial<ShareClientEntity>): Promise<ShareClientEntity> {
    await this.repo.update({ accessId }, { ...patch, updatedAt: new Date() });
    return this.getById(accessId);
  }

  /** One page, newest first. */
  async page(page: number, pageSize: number): Promise<{ rows: ShareClientEntity[]; total: number }> {
    const [rows, total] = await this.repo.findAndCount({
      order: { createdAt: 'DESC', accessId: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { rows, total };
  }
}
