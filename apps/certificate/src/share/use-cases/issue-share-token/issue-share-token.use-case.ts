import { Injectable } from '@nestjs/common';
import { CertificateConfig } from '../../../config/certificate.config';
import { ShareClientRepository } from '../../repositories/share-client.repository';
import { ShareTokenRepository } from '../../repositories/share-token.repository';
import { ShareData } from '../../share-input';
import { hashSecret, newAccessToken, secretMatches } from '../../share-secrets';
import { SHARE_STATUS, ShareError } from '../../share-status';

export interface ShareTokenData {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  expiryTime: string;
}

const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

/**
 * getToken: accessId + accessSecret → a short-lived accessToken (stored hashed, SHARE_TOKEN_TTL_SECONDS).
 * Unknown client, wrong secret or a disabled client: status 11, all alike.
 */
@Injectable()
export class IssueShareTokenUseCase {
  constructor(
    private readonly clients: ShareClientRepository,
    private readonly tokens: ShareTokenRepository,
    private readonly config: CertificateConfig,
  ) {}

  async execute(body: ShareData): Promise<ShareTokenData> {
    const accessId = text(body.accessId, 64);
    const secret = text(body.accessSecret, 200);
    if (!accessId || !secret) {
      throw new ShareError(
        SHARE_STATUS.PARAMETER_ERROR,
        '要求必填的输入参数值不为空: accessId, accessSecret',
      );
    }
    const client = await this.clients.findById(accessId);
    if (!client || !client.enabled || !secretMatches(secret, client.secretHash)) {
      throw new ShareError(SHARE_STATUS.UNAUTHENTICATED);
    }
    const accessToken = newAccessToken();
    const ttl = this.config.SHARE_TOKEN_TTL_SECONDS;
    const expiresAt = new Date(Date.now() + ttl * 1000);
    await this.tokens.add(accessId, hashSecret(accessToken), expiresAt);
    return { accessToken, expiresIn: ttl, expiryTime: expiresAt.toISOString() };
  }
}
