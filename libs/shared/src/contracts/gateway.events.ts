import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { IsText } from '../validation/decorators';

/** Why the gateway turned a webhook subscription off by itself. */
export const WEBHOOK_DISABLE_REASONS = ['CONSECUTIVE_DEAD_LETTERS', 'FAILING_TOO_LONG'] as const;
export type WebhookDisableReason = (typeof WEBHOOK_DISABLE_REASONS)[number];

/**
 * gateway.webhook.delivery-failed.v1 — an ops notice: a partner's webhook subscription kept failing and the
 * gateway disabled it (its queued deliveries wait; an admin re-enables it). Keyed by the subscription id.
 * Carries the target's origin only (never its path or query, which may hold a partner's token).
 */
export class GatewayWebhookDeliveryFailedV1 {
  @IsUUID() subscriptionId!: string;
  @IsText({ max: 100 }) partnerName!: string;
  /** `https://host[:port]` of the target URL. */
  @IsString() @Length(1, 300) targetOrigin!: string;
  @IsIn(WEBHOOK_DISABLE_REASONS) reason!: string;
  /** Deliveries dead-lettered in a row since the last successful one. */
  @IsInt() @Min(0) consecutiveDeadLetters!: number;
  /** First failed attempt since the last success. */
  @IsOptional() @IsISO8601() failingSince!: string | null;
  /** HTTP status of the last attempt; null when no answer came (timeout, refused, DNS). */
  @IsOptional() @IsInt() lastStatus!: number | null;
  @IsOptional() @IsString() @Length(0, 300) lastError!: string | null;
  @IsISO8601() disabledAt!: string;
}
