import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ShareClientEntity } from '../entities/share-client.entity';
import { ShareTokenEntity } from '../entities/share-token.entity';

/** Access tokens of the share interface (hashed, expiring). */
@Injectable()
export class ShareTokenRepository {
  constructor(@InjectRepository(ShareTokenEntity) private readonly repo: Repository<ShareTokenEntity>) {}

  /** Stores a new token; expired tokens of the client are dropped on the way. */
  async add(accessId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.repo.delete({ accessId, expiresAt: LessThan(new Date()) });
    await this.repo.insert({ tokenHash, accessId, expiresAt });
  }

  /** The enabled client owning this unexpired token, or null. */
  async clientOf(accessId: string, tokenHash: string): Promise<ShareClientEntity | null> {
    return this.repo.manager
      .getRepository(ShareClientEntity)
      .createQueryBuilder('c')
      .innerJoin(ShareTokenEntity, 't', 't.access_id = c.access_id')
      .where('t.token_hash = :tokenHash', { tokenHash })
      .andWhere('c.access_id = :accessId', { accessId })
      .andWhere('c.enabled')
      .andWhere('t.expires_at > now()')
      .getOne();
  }

  /**
   * The enabled client whose secret this is: the provincial service's own clients send their fixed
   * password as `accessToken` on every call, and must work unchanged.
   */
  clientBySecret(accessId: string, secretHash: string): Promise<ShareClientEntity | null> {
    return this.repo.manager
      .getRepository(ShareClientEntity)
      .findOneBy({ accessId, secretHash, enabled: true });
  }

  /** Ends every token of the client (disable, secret rotation). */
  async revokeAll(accessId: string): Promise<void> {
    await this.repo.delete({ accessId });
  }
}
