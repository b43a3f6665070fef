import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WebhookDeliveryEntity, webhookIdOf } from '../entities/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from '../entities/webhook-subscription.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export class SubscriptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty() targetUrl!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ type: [String] }) deptCodes!: string[];
  @ApiProperty({ type: [String] }) itemCodes!: string[];
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] }) status!: string;
  @ApiPropertyOptional({
    enum: ['ADMIN', 'CONSECUTIVE_DEAD_LETTERS', 'FAILING_TOO_LONG'],
    nullable: true,
    type: String,
  })
  disabledReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) disabledAt!: string | null;
  @ApiProperty({ description: 'Deliveries dead-lettered in a row since the last success' })
  consecutiveDeadLetters!: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) failingSince!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastSuccessAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Until then the previous secret signs too (after a rotation)',
  })
  previousSecretValidUntil!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static of(s: WebhookSubscriptionEntity, now = new Date()): SubscriptionView {
    const overlap =
      s.previousSecret && s.previousSecretExpiresAt && s.previousSecretExpiresAt > now
        ? s.previousSecretExpiresAt
        : null;
    return {
      id: s.id,
      partnerName: s.partnerName,
      targetUrl: s.targetUrl,
      eventTypes: s.eventTypes,
      deptCodes: s.deptCodes,
      itemCodes: s.itemCodes,
      status: s.status,
      disabledReason: s.disabledReason,
      disabledAt: iso(s.disabledAt),
      consecutiveDeadLetters: s.consecutiveDeadLetters,
      failingSince: iso(s.failingSince),
      lastSuccessAt: iso(s.lastSuccessAt),
      previousSecretValidUntil: iso(overlap),
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

/** The answer to a create: the signing secret, shown this once. */
export class SubscriptionCreatedView extends SubscriptionView {
  @ApiProperty({ description: 'Signing secret `whsec_…`: returned once, store it now' }) secret!: string;
}

export class SecretRotatedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The new signing secret `whsec_…`: returned once' }) secret!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'The old secret keeps signing (a second signature) until then',
  })
  previousSecretValidUntil!: string | null;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The `webhook-id` header: the same on every attempt' }) webhookId!: string;
  @ApiProperty({ format: 'uuid', description: 'The event id (ce_id)' }) eventId!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'DEAD'] }) state!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) firstAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastStatus!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deadAt!: string | null;
  @ApiProperty() replays!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(d: WebhookDeliveryEntity): DeliveryView {
    return {
      id: d.id,
      webhookId: webhookIdOf(d.id),
      eventId: d.eventId,
      topic: d.topic,
      state: d.state,
      attempts: d.attempts,
      nextAttemptAt: d.state === 'PENDING' ? iso(d.nextAttemptAt) : null,
      firstAttemptAt: iso(d.firstAttemptAt),
      lastAttemptAt: iso(d.lastAttemptAt),
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      deliveredAt: iso(d.deliveredAt),
      deadAt: iso(d.deadAt),
      replays: d.replays,
      createdAt: d.createdAt.toISOString(),
    };
  }
}

export class ReplayResultView {
  @ApiProperty({ description: 'Deliveries queued again' }) replayed!: number;
}
