import { Injectable, Logger } from '@nestjs/common';
import { LicenceEntity } from '../licences/entities/licence.entity';
import { LicenceUsageRepository, UsageAction } from '../licences/repositories/licence-usage.repository';
import { ShareClientEntity } from './entities/share-client.entity';
import { ShareTokenRepository } from './repositories/share-token.repository';
import { ShareData } from './share-input';
import { SharePolicy } from './share.policy';
import { hashSecret } from './share-secrets';
import {
  SHARE_STATUS,
  ShareError,
  shareFailure,
  ShareOperation,
  shareOk,
  ShareResponse,
} from './share-status';

/** The request envelope: `{accessId, accessToken, data}`; `{head: {accessId, accessToken}, data}` too. */
export interface ShareEnvelope {
  accessId?: string;
  accessToken?: string;
  head?: { accessId?: string; accessToken?: string };
  data?: ShareData;
}

/** The authenticated partner of a call. */
export interface ShareCaller {
  client: ShareClientEntity;
  /** How the usage log names the partner. */
  requester: { sub: string; dept: string };
}

/** The usage log's licence id for a call that matched no licence. */
export const NO_LICENCE = '-';

/**
 * Every share call passes through here: the caller is authenticated (11), must hold the operation (100),
 * and whatever the use case answers or throws becomes the envelope — a ShareError its status, anything
 * else 99 (logged here, never sent). Nothing escapes as an HTTP 500.
 */
@Injectable()
export class ShareGate {
  private readonly logger = new Logger(ShareGate.name);

  constructor(
    private readonly tokens: ShareTokenRepository,
    private readonly usage: LicenceUsageRepository,
  ) {}

  /** An operation: the caller authenticated and granted it, then `fn`; the outcome as the envelope. */
  run<T>(
    operation: ShareOperation,
    body: ShareEnvelope,
    fn: (caller: ShareCaller, data: ShareData) => Promise<T>,
  ): Promise<ShareResponse<T | null>> {
    return this.answer(operation, async () => fn(await this.authenticate(operation, body), body.data ?? {}));
  }

  /** The outcome of `fn` as the envelope (getToken uses it directly: it authenticates by secret). */
  async answer<T>(operation: string, fn: () => Promise<T>): Promise<ShareResponse<T | null>> {
    try {
      return shareOk(await fn());
    } catch (e) {
      if (!(e instanceof ShareError)) this.logger.error({ err: e, operation }, 'share call failed');
      return shareFailure(e);
    }
  }

  private async authenticate(operation: ShareOperation, body: ShareEnvelope): Promise<ShareCaller> {
    const accessId = body.accessId ?? body.head?.accessId;
    const accessToken = body.accessToken ?? body.head?.accessToken;
    if (!accessId || !accessToken) throw new ShareError(SHARE_STATUS.UNAUTHENTICATED);
    const hash = hashSecret(accessToken);
    const client =
      (await this.tokens.clientOf(accessId, hash)) ?? (await this.tokens.clientBySecret(accessId, hash));
    if (!client) throw new ShareError(SHARE_STATUS.UNAUTHENTICATED);
    if (!SharePolicy.mayCall(client, operation)) {
      throw new ShareError(SHARE_STATUS.FORBIDDEN, `该用户无调用 ${operation} 接口的权限`);
    }
    return { client, requester: { sub: `share:${client.accessId}`, dept: client.deptCode } };
  }

  /** The licence type must be granted to the caller (else the refusal is logged and the call is 100). */
  async assertMaySee(
    caller: ShareCaller,
    typeCode: string,
    log: { licenceId: string; action: UsageAction; purpose: string },
  ): Promise<void> {
    if (SharePolicy.maySee(caller.client, typeCode)) return;
    await this.record(caller, { ...log, result: 'FORBIDDEN' });
    throw new ShareError(SHARE_STATUS.FORBIDDEN);
  }

  /** The caller uses the licence: type granted (else 100), then the use is logged. */
  async use(caller: ShareCaller, l: LicenceEntity, action: UsageAction, purpose: string, result = 'OK') {
    await this.assertMaySee(caller, l.typeCode, { licenceId: l.licenceId, action, purpose });
    await this.record(caller, { licenceId: l.licenceId, action, purpose, result });
  }

  /** Nothing matched: the attempt is logged (under the asked identifier when it is one) and the call is 10. */
  async notFound(caller: ShareCaller, action: UsageAction, purpose: string, asked?: string): Promise<never> {
    await this.record(caller, { licenceId: asked ?? NO_LICENCE, action, purpose, result: 'NOT_FOUND' });
    throw new ShareError(SHARE_STATUS.NOT_FOUND);
  }

  async record(
    caller: ShareCaller,
    u: { licenceId: string; action: UsageAction; purpose: string; result: string },
  ): Promise<void> {
    await this.usage.record({ ...u, requester: caller.requester });
  }
}
