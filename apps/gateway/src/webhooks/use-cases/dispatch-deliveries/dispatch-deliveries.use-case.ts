import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TOPICS, WebhookDisableReason } from '@app/shared/contracts';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { nextAttemptAt } from '../../delivery/backoff';
import { disableReason } from '../../delivery/disable-rule';
import { signedHeaders } from '../../delivery/standard-webhooks';
import { sendWebhook, SendResult } from '../../delivery/webhook-sender';
import { webhookIdOf } from '../../entities/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from '../../entities/webhook-subscription.entity';
import { ClaimedDelivery, WebhookDeliveryRepository } from '../../repositories/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { WebhookSettings } from '../../webhook-settings';
import {
  webhookAttemptDuration,
  webhookAttempts,
  webhookSubscriptionsDisabled,
} from '../../webhooks.metrics';

/** Control characters and anything that looks like an ID or phone number never reach the log column. */
const scrub = (s: string): string =>
  [...s]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
    .join('')
    .replace(/\d{11,}[\dXx]?/g, '***')
    .slice(0, 300);

/**
 * One dispatcher round: claim due deliveries (SKIP LOCKED + a lease, safe with several replicas), POST
 * each signed (Standard Webhooks), record the outcome. A failure is retried with full-jitter backoff until
 * the retry window closes, then the delivery is dead-lettered. A subscription whose deliveries keep dying
 * (N dead letters in a row, or nothing but failures for a period) is disabled, and
 * `gateway.webhook.delivery-failed.v1` is written to the outbox in the same transaction.
 */
@Injectable()
export class DispatchDeliveriesUseCase {
  private readonly logger = new Logger(DispatchDeliveriesUseCase.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly settings: WebhookSettings,
  ) {}

  /** Returns how many deliveries were attempted. */
  async execute(): Promise<number> {
    const cfg = this.settings.config;
    const claimed = await this.deliveries.claimDue(
      cfg.WEBHOOK_DISPATCH_BATCH,
      cfg.WEBHOOK_TIMEOUT_MS + 30_000,
    );
    await Promise.all(claimed.map((c) => this.deliver(c)));
    return claimed.length;
  }

  private async deliver(c: ClaimedDelivery): Promise<void> {
    const sub = await this.subscriptions.find(c.delivery.subscriptionId);
    if (!sub) return;
    const headers = signedHeaders(
      this.signingSecrets(sub),
      webhookIdOf(c.delivery.id),
      Math.floor(Date.now() / 1000),
      c.body,
    );
    const stop = webhookAttemptDuration.startTimer();
    const result = await sendWebhook(
      sub.targetUrl,
      { ...headers },
      c.body,
      this.settings.targetPolicy,
      this.settings.config.WEBHOOK_TIMEOUT_MS,
    );
    stop();
    await this.record(c.delivery.id, sub.id, result);
  }

  /** The current secret, and the previous one while its overlap lasts. */
  private signingSecrets(s: WebhookSubscriptionEntity): string[] {
    const box = this.settings.secrets;
    const secrets = [box.open(s.secret)];
    if (s.previousSecret && s.previousSecretExpiresAt && s.previousSecretExpiresAt > new Date()) {
      secrets.push(box.open(s.previousSecret));
    }
    return secrets;
  }

  private async record(deliveryId: string, subscriptionId: string, r: SendResult): Promise<void> {
    const cfg = this.settings.config;
    let disabled: WebhookDisableReason | null = null;
    await this.db.transaction(async (em) => {
      const s = await this.subscriptions.lock(em, subscriptionId);
      const d = await this.deliveries.lock(em, deliveryId);
      if (!s || !d || d.state !== 'PENDING') return;
      const now = new Date();
      d.attempts += 1;
      d.lastAttemptAt = now;
      d.firstAttemptAt ??= now;
      d.lastStatus = r.status ?? null;
      d.lastError = r.error ? scrub(r.error) : null;
      if (!r.error) {
        Object.assign(d, { state: 'DELIVERED', deliveredAt: now });
        Object.assign(s, { consecutiveDeadLetters: 0, failingSince: null, lastSuccessAt: now });
        webhookAttempts.inc({ outcome: 'delivered' });
      } else {
        s.failingSince ??= now;
        const next = nextAttemptAt(d.firstAttemptAt, d.attempts, now, this.settings.schedule);
        if (next) {
          d.nextAttemptAt = next;
          webhookAttempts.inc({ outcome: r.refused ? 'refused' : 'failed' });
        } else {
          Object.assign(d, { state: 'DEAD', deadAt: now });
          s.consecutiveDeadLetters += 1;
          webhookAttempts.inc({ outcome: 'dead' });
        }
        const reason = disableReason(s, now, {
          deadLetters: cfg.WEBHOOK_DISABLE_AFTER_DEAD_LETTERS,
          failingMs: cfg.WEBHOOK_DISABLE_AFTER_FAILING_MS,
        });
        if (reason && s.status === 'ACTIVE') {
          Object.assign(s, { status: 'DISABLED', disabledReason: reason, disabledAt: now });
          await this.outbox.add(em, TOPICS.GATEWAY_WEBHOOK_DELIVERY_FAILED, s.id, {
            subscriptionId: s.id,
            partnerName: s.partnerName,
            targetOrigin: new URL(s.targetUrl).origin,
            reason,
            consecutiveDeadLetters: s.consecutiveDeadLetters,
            failingSince: s.failingSince?.toISOString() ?? null,
            lastStatus: d.lastStatus,
            lastError: d.lastError,
            disabledAt: now.toISOString(),
          });
          disabled = reason;
        }
      }
      await this.deliveries.save(em, d);
      await this.subscriptions.save(em, s);
    });
    if (disabled) {
      // Counted once committed (a rolled-back transaction disabled nothing).
      webhookSubscriptionsDisabled.inc({ reason: disabled });
      this.relay.poke();
      this.logger.warn(
        { subscriptionId, reason: disabled },
        'webhook subscription disabled after repeated failures',
      );
    }
  }
}
