import { Injectable, Logger } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { ShareClientView, toShareClientView } from '../../dto/share-client.dto';
import { ShareClientRepository } from '../../repositories/share-client.repository';
import { ShareTokenRepository } from '../../repositories/share-token.repository';

/** Disables a client: its tokens end now and getToken refuses it (status 11). Repeating is harmless. */
@Injectable()
export class DisableShareClientUseCase {
  private readonly logger = new Logger(DisableShareClientUseCase.name);

  constructor(
    private readonly clients: ShareClientRepository,
    private readonly tokens: ShareTokenRepository,
  ) {}

  async execute(admin: Principal, accessId: string): Promise<ShareClientView> {
    await this.clients.getById(accessId);
    const client = await this.clients.update(accessId, { enabled: false });
    await this.tokens.revokeAll(accessId);
    this.logger.log({ accessId, by: admin.sub }, 'share client disabled');
    return toShareClientView(client);
  }
}
