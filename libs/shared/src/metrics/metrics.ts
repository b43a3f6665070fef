import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and the platform's series (docs/architecture.md, operations). One
 * registry per process; every series carries the `service` label set at boot.
 */
export const metricsRegistry = new Registry();
let defaultsStarted = false;

/** Starts the process metrics (CPU, memory, event-loop lag, GC) and labels everything with the service. */
export function initMetrics(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
  if (!defaultsStarted) {
    collectDefaultMetrics({ register: metricsRegistry });
    defaultsStarted = true;
  }
}

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, with their duration',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const eventsHandled = new Counter({
  name: 'kafka_events_handled_total',
  help: 'Kafka events handled by this consumer, by topic and outcome (ok, duplicate, dead_lettered)',
  labelNames: ['topic', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const eventRetries = new Counter({
  name: 'kafka_event_retries_total',
  help: 'Handler retries, by topic and error class (transient, retryable)',
  labelNames: ['topic', 'kind'] as const,
  registers: [metricsRegistry],
});

export const consumerLag = new Gauge({
  name: 'kafka_consumer_lag_messages',
  help: 'Messages behind the partition high watermark when a batch was fetched, by topic and partition',
  labelNames: ['topic', 'partition'] as const,
  registers: [metricsRegistry],
});

export const clientErrors = new Counter({
  name: 'infrastructure_client_errors_total',
  help: 'Errors of the Kafka, PostgreSQL and Redis clients, by client',
  labelNames: ['client'] as const,
  registers: [metricsRegistry],
});

export const outboxPublished = new Counter({
  name: 'outbox_published_total',
  help: 'Outbox rows published to Kafka',
  registers: [metricsRegistry],
});
