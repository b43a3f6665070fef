import { Counter, Histogram } from 'prom-client';
import { WEBHOOK_DISABLE_REASONS } from '@app/shared/contracts';
import { metricsRegistry } from '@app/shared/metrics';

/** Webhook delivery attempts by outcome: delivered, failed (will retry), dead (dead-lettered), refused (SSRF). */
export const webhookAttempts = new Counter({
  name: 'webhook_delivery_attempts_total',
  help: 'Webhook delivery attempts by outcome (delivered, failed, dead, refused)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const webhookDeliveriesCreated = new Counter({
  name: 'webhook_deliveries_created_total',
  help: 'Webhook deliveries queued (one per event and matching subscription), by topic',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
});

/**
 * Subscriptions the gateway disabled after persistent failure (alert WebhookSubscriptionDisabled). Every
 * reason starts at 0, so `increase()` sees the first disablement of a process too (a series born at 1
 * has no earlier sample to grow from).
 */
export const webhookSubscriptionsDisabled = new Counter({
  name: 'webhook_subscriptions_disabled_total',
  help: 'Webhook subscriptions disabled automatically after persistent failure, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
for (const reason of WEBHOOK_DISABLE_REASONS) webhookSubscriptionsDisabled.inc({ reason }, 0);

export const webhookAttemptDuration = new Histogram({
  name: 'webhook_delivery_duration_seconds',
  help: 'Duration of webhook delivery attempts (until the partner answered or the attempt failed)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});
