import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { metricsRegistry } from '../metrics/metrics';

/** The databases whose outbox this process relays (one per service; several in a test process). */
export const relayedDatabases = new Set<DataSource>();

/** One query per database per scrape, shared by both gauges (collected together). */
interface OutboxStats {
  rows: number;
  oldestSeconds: number;
  parked: number;
}
let statsOfScrape: { at: number; stats: Promise<OutboxStats> } | undefined;
function outboxStats(): Promise<OutboxStats> {
  const now = Date.now();
  if (!statsOfScrape || now - statsOfScrape.at > 1000) statsOfScrape = { at: now, stats: readOutboxStats() };
  return statsOfScrape.stats;
}

async function readOutboxStats(): Promise<OutboxStats> {
  let rows = 0;
  let oldestSeconds = 0;
  let parked = 0;
  for (const ds of relayedDatabases) {
    if (!ds.isInitialized) continue;
    const [r] = await ds.query<Array<{ n: string; age: number | null; parked: string }>>(
      `SELECT count(*) AS n, EXTRACT(EPOCH FROM now() - min(created_at))::float AS age,
              count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked
         FROM outbox WHERE published_at IS NULL`,
    );
    rows += Number(r.n);
    parked += Number(r.parked);
    oldestSeconds = Math.max(oldestSeconds, r.age ?? 0);
  }
  return { rows, oldestSeconds, parked };
}

new Gauge({
  name: 'outbox_unpublished_rows',
  help: 'Outbox rows not yet published to Kafka',
  registers: [metricsRegistry],
  async collect() {
    this.set((await outboxStats()).rows);
  },
});
new Gauge({
  name: 'outbox_oldest_unpublished_age_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when none waits)',
  registers: [metricsRegistry],
  async collect() {
    this.set((await outboxStats()).oldestSeconds);
  },
});

new Gauge({
  name: 'outbox_parked_rows',
  help: 'Outbox rows Kafka refused for good, moved aside (with later rows of their key held) until requeued',
  registers: [metricsRegistry],
  async collect() {
    this.set((await outboxStats()).parked);
  },
});
