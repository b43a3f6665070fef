/**
 * Operator commands (README, operations):
 *   npm run ops -- dlq:replay --topic <topic> [--from <ISO time>] [--to <ISO time>] [--event-id <uuid>] [--dry-run]
 *   npm run ops -- outbox:parked --service <intake|approval|certificate|evaluation|supervision|gateway>
 *   npm run ops -- outbox:requeue --service <service> [--id <outbox id>]
 *   npm run ops -- prune --service <service>
 *   npm run ops -- exchange:dead
 *   npm run ops -- exchange:replay (--id <record id> | --all-dead [--case <办件编号>])
 *   npm run ops -- calendar:provisional --year <YYYY>   (a WORK_CALENDAR_FILE on stdout: statutory holidays only)
 * Kafka: KAFKA_BROKERS (default 127.0.0.1:9092). Database: DATABASE_URL, or the laptop default
 * postgres://postgres@127.0.0.1:5432/gov_<service>.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../libs/shared/src/config/service.config';
import { isKnownTopic } from '../libs/shared/src/contracts/registry';
import { listParked, replayDeadLetters, requeueParked } from '../libs/shared/src/kafka/operations';
import { MessagingPruner } from '../libs/shared/src/kafka/messaging-pruner';
import { loadConfig } from '../libs/shared/src/config/load-config';
import { connectionOf } from '../libs/shared/src/database/pg-socket';
import { ScriptOpsConfig } from './script-config';
import { parseCalendarSpec } from '../libs/shared/src/calendar/calendar-spec';
import { provisionalSchedule } from '../libs/shared/src/calendar/provisional-schedule';
import { listDeadRecords, replayExchangeRecords } from '../apps/gateway/src/exchange/exchange-operations';

const SERVICES = ['intake', 'approval', 'certificate', 'evaluation', 'supervision', 'gateway'];

function args(argv: string[]): { command: string; flags: Map<string, string | true> } {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(a.slice(2), next);
      i++;
    } else flags.set(a.slice(2), true);
  }
  return { command, flags };
}

function text(flags: Map<string, string | true>, name: string, required = false): string | undefined {
  const v = flags.get(name);
  if (v === true) throw new Error(`--${name} needs a value`);
  if (required && v === undefined) throw new Error(`--${name} is required`);
  return v;
}

function instant(flags: Map<string, string | true>, name: string): Date | undefined {
  const v = text(flags, name);
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`--${name} must be an ISO 8601 time, got ${v}`);
  return d;
}

const cfg = loadConfig(ScriptOpsConfig);

/** The database of `service` (DATABASE_URL, or the laptop default), connected. */
async function connect(service: string): Promise<DataSource> {
  const url = cfg.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/gov_${service}`;
  const ds = new DataSource({ type: 'postgres', ...connectionOf(url), logging: false });
  await ds.initialize();
  return ds;
}

async function database(flags: Map<string, string | true>): Promise<{ ds: DataSource; service: string }> {
  const service = text(flags, 'service', true)!;
  if (!SERVICES.includes(service)) throw new Error(`--service must be one of ${SERVICES.join(', ')}`);
  return { ds: await connect(service), service };
}

async function main(): Promise<void> {
  const { command, flags } = args(process.argv.slice(2));
  const brokers = cfg.KAFKA_BROKERS.split(',');
  switch (command) {
    case 'dlq:replay': {
      const topic = text(flags, 'topic', true)!;
      if (!isKnownTopic(topic)) throw new Error(`unknown topic ${topic}`);
      const eventId = text(flags, 'event-id');
      if (eventId && !/^[0-9a-f-]{36}$/i.test(eventId)) throw new Error('--event-id must be a UUID');
      const report = await replayDeadLetters({
        brokers,
        topic,
        from: instant(flags, 'from'),
        to: instant(flags, 'to'),
        eventId,
        dryRun: flags.has('dry-run'),
      });
      for (const m of report.matched) {
        console.log(
          `${flags.has('dry-run') ? 'would replay' : 'replayed'} ${m.eventId ?? '(no ce_id)'}  ${m.reason ?? ''}  dead-lettered ${m.deadLetteredAt ?? '?'}  (${topic}.dlq/${m.partition}@${m.dlqOffset})`,
        );
      }
      console.log(`scanned ${report.scanned}, matched ${report.matched.length}, replayed ${report.replayed}`);
      return;
    }
    case 'outbox:parked':
    case 'outbox:requeue': {
      const { ds, service } = await database(flags);
      try {
        if (command === 'outbox:parked') {
          const rows = await listParked(ds);
          for (const r of rows) {
            console.log(
              `${r.id}  ${r.topic}  key ${r.messageKey}  attempts ${r.attempts}  parked ${r.parkedAt.toISOString()}  ${r.lastError ?? ''}`,
            );
          }
          console.log(`${service}: ${rows.length} parked row(s)`);
        } else {
          const id = text(flags, 'id');
          if (id !== undefined && !/^\d{1,18}$/.test(id)) throw new Error('--id must be an outbox row id');
          console.log(`${service}: requeued ${await requeueParked(ds, { id })} row(s)`);
        }
      } finally {
        await ds.destroy();
      }
      return;
    }
    case 'prune': {
      const { ds, service } = await database(flags);
      try {
        const config = Object.assign(new ServiceConfig(), {
          OUTBOX_RETENTION_HOURS: cfg.OUTBOX_RETENTION_HOURS,
          INBOX_RETENTION_DAYS: cfg.INBOX_RETENTION_DAYS,
        });
        const r = await new MessagingPruner(ds, config).pruneOnce();
        console.log(`${service}: pruned ${r.outbox} outbox row(s), ${r.processedEvents} inbox row(s)`);
      } finally {
        await ds.destroy();
      }
      return;
    }
    case 'exchange:dead':
    case 'exchange:replay': {
      // The provincial exchange's delivery state lives in the gateway's database.
      const ds = await connect('gateway');
      try {
        if (command === 'exchange:dead') {
          const rows = await listDeadRecords(ds);
          for (const r of rows) {
            console.log(
              `${r.id}  ${r.kind}  case ${r.caseNo}  attempts ${r.attempts}  dead ${r.deadAt.toISOString()}  ${r.lastStatus ?? ''} ${r.lastError ?? ''}`,
            );
          }
          console.log(`gateway: ${rows.length} dead exchange record(s)`);
        } else {
          const id = text(flags, 'id');
          const caseNo = text(flags, 'case');
          if (id !== undefined && !/^[0-9a-f-]{36}$/i.test(id)) {
            throw new Error('--id must be a record id (UUID)');
          }
          if ((id === undefined) === !flags.has('all-dead')) {
            throw new Error('give --id <record id> or --all-dead');
          }
          const n = await replayExchangeRecords(ds, id !== undefined ? { id } : { allDead: true, caseNo });
          console.log(`gateway: queued ${n} exchange record(s) again`);
        }
      } finally {
        await ds.destroy();
      }
      return;
    }
    case 'calendar:provisional': {
      const year = Number(text(flags, 'year', true));
      if (!Number.isInteger(year) || year < 2025 || year > 2100) {
        throw new Error('--year must be a year 2025–2100 (the 2024 放假办法 applies from 2025)');
      }
      const file = JSON.stringify({ schedules: [provisionalSchedule(year)] }, null, 2);
      parseCalendarSpec(file); // exactly what a service will accept at boot
      console.log(file);
      console.error(
        `${year}: PROVISIONAL working-day calendar (statutory holidays with weekday 补假, no 调休). Deadlines counted with it can differ from the official ones by a few days around the festivals; replace it with the State Council notice when published.`,
      );
      return;
    }
    default:
      throw new Error(
        'usage: npm run ops -- <dlq:replay|outbox:parked|outbox:requeue|prune|exchange:dead|exchange:replay|calendar:provisional> [flags] (see scripts/ops.ts)',
      );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
