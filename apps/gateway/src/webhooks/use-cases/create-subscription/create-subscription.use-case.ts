import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { generateSecret } from '../../delivery/standard-webhooks';
import { checkTarget } from '../../delivery/target-guard';
import { CreateSubscriptionRequestDto } from '../../dto/subscription.request.dto';
import { SubscriptionCreatedView, SubscriptionView } from '../../dto/subscription.response.dto';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { SubscribedTopics } from '../../subscribed-topics';
import { WebhookSettings } from '../../webhook-settings';
import { WebhooksPolicy } from '../../webhooks.policy';

/** A partner subscribes: the target passes the SSRF rules, a signing secret is made and shown once. */
@Injectable()
export class CreateSubscriptionUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly policy: WebhooksPolicy,
    private readonly settings: WebhookSettings,
    private readonly subscribed: SubscribedTopics,
  ) {}

  async execute(user: Principal, dto: CreateSubscriptionRequestDto): Promise<SubscriptionCreatedView> {
    this.policy.manage(user);
    await checkTarget(dto.targetUrl, this.settings.targetPolicy);
    const secret = generateSecret();
    const s = await this.db.transaction((em) =>
      this.subscriptions.insert(em, {
        partnerName: dto.partnerName,
        targetUrl: dto.targetUrl,
        eventTypes: dto.eventTypes,
        deptCodes: dto.deptCodes ?? [],
        itemCodes: dto.itemCodes ?? [],
        secret: this.settings.secrets.seal(secret),
        createdBy: user.sub,
      }),
    );
    await this.subscribed.changed();
    return { ...SubscriptionView.of(s), secret };
  }
}
