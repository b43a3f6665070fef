import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@app/shared/metrics';

/** Push attempts to the provincial platform by record kind and outcome (delivered, failed, dead). */
export const exchangeAttempts = new Counter({
  name: 'exchange_attempts_total',
  help: 'Provincial exchange push attempts by kind (table or 好差评 record) and outcome (delivered, failed, dead)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const exchangeRecordsCreated = new Counter({
  name: 'exchange_records_created_total',
  help: 'Provincial exchange records queued, by kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const exchangeAttemptDuration = new Histogram({
  name: 'exchange_attempt_duration_seconds',
  help: 'Duration of provincial exchange pushes (until the province answered or the attempt failed)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});
