import { DomainError } from '@app/shared/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { generateSecret } from '../../delivery/standard-webhooks';
import { SecretRotatedView } from '../../dto/subscription.response.dto';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { WebhookSettings } from '../../webhook-settings';
import { WebhooksPolicy } from '../../webhooks.policy';

/**
 * A new signing secret, returned once. The one it replaces keeps signing beside it (a second `v1,`
 * signature in `webhook-signature`) for WEBHOOK_SECRET_OVERLAP_SECONDS, so the partner can switch its
 * verification without losing a message. A rotation during an overlap ends the older overlap.
 */
@Injectable()
export class RotateSecretUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly policy: WebhooksPolicy,
    private readonly settings: WebhookSettings,
  ) {}

  async execute(user: Principal, id: string): Promise<SecretRotatedView> {
    this.policy.manage(user);
    const overlapMs = this.settings.config.WEBHOOK_SECRET_OVERLAP_SECONDS * 1000;
    const secret = generateSecret();
    const s = await this.db.transaction(async (em) => {
      const sub = await this.subscriptions.lock(em, id);
      if (!sub) throw new DomainError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', undefined, { id });
      sub.previousSecret = overlapMs > 0 ? sub.secret : null;
      sub.previousSecretExpiresAt = overlapMs > 0 ? new Date(Date.now() + overlapMs) : null;
      sub.secret = this.settings.secrets.seal(secret);
      return this.subscriptions.save(em, sub);
    });
    return {
      id: s.id,
      secret,
      previousSecretValidUntil: s.previousSecretExpiresAt?.toISOString() ?? null,
    };
  }
}
