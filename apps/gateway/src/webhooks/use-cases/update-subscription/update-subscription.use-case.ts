import { DomainError } from '@app/shared/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { checkTarget } from '../../delivery/target-guard';
import { UpdateSubscriptionRequestDto } from '../../dto/subscription.request.dto';
import { SubscriptionView } from '../../dto/subscription.response.dto';
import { WebhookDeliveryRepository } from '../../repositories/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { SubscribedTopics } from '../../subscribed-topics';
import { WebhookSettings } from '../../webhook-settings';
import { WebhooksPolicy } from '../../webhooks.policy';

/**
 * PATCH (the fields given) or PUT (every field; absent filters become "all"). `enabled: true` re-enables a
 * disabled subscription: its failure counters reset and its queued deliveries are due now with a fresh
 * retry window. `enabled: false` disables it (an admin's pause: no new deliveries are queued meanwhile).
 */
@Injectable()
export class UpdateSubscriptionUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly policy: WebhooksPolicy,
    private readonly settings: WebhookSettings,
    private readonly subscribed: SubscribedTopics,
  ) {}

  async execute(
    user: Principal,
    id: string,
    changes: UpdateSubscriptionRequestDto,
    mode: 'patch' | 'replace',
  ): Promise<SubscriptionView> {
    this.policy.manage(user);
    if (changes.targetUrl !== undefined) await checkTarget(changes.targetUrl, this.settings.targetPolicy);
    const saved = await this.db.transaction(async (em) => {
      const s = await this.subscriptions.lock(em, id);
      if (!s) throw new DomainError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', undefined, { id });
      if (changes.partnerName !== undefined) s.partnerName = changes.partnerName;
      if (changes.targetUrl !== undefined) s.targetUrl = changes.targetUrl;
      if (changes.eventTypes !== undefined) s.eventTypes = changes.eventTypes;
      if (changes.deptCodes !== undefined || mode === 'replace') s.deptCodes = changes.deptCodes ?? [];
      if (changes.itemCodes !== undefined || mode === 'replace') s.itemCodes = changes.itemCodes ?? [];
      if (changes.enabled === true && s.status === 'DISABLED') {
        Object.assign(s, {
          status: 'ACTIVE',
          disabledReason: null,
          disabledAt: null,
          consecutiveDeadLetters: 0,
          failingSince: null,
        });
        await this.deliveries.resume(em, s.id);
      } else if (changes.enabled === false && s.status === 'ACTIVE') {
        Object.assign(s, { status: 'DISABLED', disabledReason: 'ADMIN', disabledAt: new Date() });
      }
      return this.subscriptions.save(em, s);
    });
    await this.subscribed.changed();
    return SubscriptionView.of(saved);
  }
}
