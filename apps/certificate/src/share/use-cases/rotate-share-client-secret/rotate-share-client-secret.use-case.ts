import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { ShareClientSecretView, toShareClientView } from '../../dto/share-client.dto';
import { ShareClientRepository } from '../../repositories/share-client.repository';
import { ShareTokenRepository } from '../../repositories/share-token.repository';
import { hashSecret, newSecret } from '../../share-secrets';

/** A new secret for the client (answered once); the old secret and every token it obtained end now. */
@Injectable()
export class RotateShareClientSecretUseCase {
  private readonly logger = new Logger(RotateShareClientSecretUseCase.name);

  constructor(
    private readonly clients: ShareClientRepository,
    private readonly tokens: ShareTokenRepository,
  ) {}

  async execute(admin: Principal, accessId: string): Promise<ShareClientSecretView> {
    await this.clients.getById(accessId);
    const accessSecret = newSecret();
    const client = await this.clients.update(accessId, {
      secretHash: hashSecret(accessSecret),
      secretRotatedAt: new Date(),
    });
    await this.tokens.revokeAll(accessId);
    this.logger.log({ accessId, by: admin.sub }, 'share client secret rotated');
    return { ...toShareClientView(client), accessSecret };
  }
}
