import { Counter, Histogram } from 'prom-client';
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

export const webhookSubscriptionsDisabled = new Counter({
  name: 'webhook_subscriptions_disabled_total',
  help: 'Webhook subscriptions disabled automatically, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

export const webhookAttemptDuration = new Histogram({
  name: 'webhook_delivery_duration_seconds',
  help: 'Duration of webhook delivery attempts (until the partner answered or the attempt failed)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});
