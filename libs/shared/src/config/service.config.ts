import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { CalendarSpecError, parseCalendarSpec } from '../calendar/calendar-spec';
import { BaseConfig } from './base.config';

@ValidatorConstraint({ name: 'workCalendarSpec' })
class WorkCalendarSpec implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return this.problems(value).length === 0;
  }
  defaultMessage(args: ValidationArguments): string {
    return this.problems(args.value).join('; ');
  }
  private problems(value: unknown): string[] {
    try {
      parseCalendarSpec(String(value));
      return [];
    } catch (e) {
      return e instanceof CalendarSpecError ? e.problems : [String(e)];
    }
  }
}

/** A domain service: its own database, consumes and produces events through the outbox. */
export class ServiceConfig extends BaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID!: string;

  /** Key of the HMAC-SM3 that turns a personal ID number into a matchable, non-reversible hash. */
  @IsString()
  @MinLength(16, { message: 'PII_HASH_KEY must be at least 16 characters' })
  PII_HASH_KEY!: string;

  /**
   * Distinct parameterized statements this process sends as named prepared statements (parsed once per
   * connection, planned once when the generic plan is as good); 0 sends every statement unnamed, as a
   * transaction-pooling PgBouncer before 1.21 requires (`database/prepared-statements.ts`).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  DATABASE_PREPARED_STATEMENTS = 200;

  /**
   * How often an idle outbox relay looks for rows. Every commit in this process wakes it at once, so the
   * poll only matters for rows written by another replica or left by a crash.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 500;

  /**
   * The shortest time between the starts of two relay rounds woken by commits: a commit soon after a round
   * waits for the rest of the interval, and the rows other transactions commit meanwhile go out in the same
   * round (one relay transaction and one Kafka produce request for all of them); a commit after a quiet
   * spell goes out at once. 0 = a round for every wake-up. In the pipeline benchmark: 4.0 instead of 5.2
   * relay transactions per case, outbox created -> published unchanged at the median (README Performance).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  OUTBOX_GATHER_MS = 20;

  /**
   * Sends of one outbox row that Kafka refuses for a reason of the row itself (too large, unknown topic,
   * not authorised, invalid) before the row is parked: moved aside with its error, an alert raised, and
   * later rows of the same key held so their order survives; other keys keep flowing.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  OUTBOX_PARK_AFTER_ATTEMPTS = 3;

  /** Published outbox rows are deleted after this many hours (an audit of what was sent, then pruned). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_HOURS = 72;

  /**
   * Inbox entries (`processed_events`) are deleted after this many days. Must stay well beyond Kafka's
   * retention (7 days here): a message re-read after its inbox entry is gone would be handled again.
   */
  @Type(() => Number)
  @IsInt()
  @Min(8, { message: 'INBOX_RETENTION_DAYS must exceed the Kafka retention of 7 days' })
  INBOX_RETENTION_DAYS = 30;

  /** How often the pruner runs (one replica at a time; 0 turns it off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  PRUNE_INTERVAL_MS = 600_000;

  /**
   * Run pending migrations at boot (true, the default for laptops and tests). Deployments that run them once
   * per release (`main.js --migrate`, the k8s migration Job) set false.
   */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  DB_MIGRATIONS_RUN: boolean = true;

  /** Attempts after the first before a message goes to its .dlq topic. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  KAFKA_MAX_RETRIES = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_RETRY_BASE_MS = 200;

  /**
   * Most messages of one fetched partition batch whose inbox handlers share one database transaction
   * (one commit instead of one each); 1 (the default) = a transaction per message. A batch that fails is
   * rolled back and handled again message by message, with the usual retries and dead-lettering. Off by
   * default: at the benchmark's load (6–7 cases/s) chunks are small and shared transactions cost more
   * (locks held longer, deadlocks between partitions in supervision) than the commits they save.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  KAFKA_BATCH_MAX = 1;

  /**
   * Partitions of one fetch handled at the same time (kafkajs' `partitionsConsumedConcurrently`). With
   * KAFKA_BATCH_MAX > 1 the chunks handled at the same time share one transaction (group commit), so this
   * is also how many partitions' chunks one commit can carry.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENTLY = 3;

  /**
   * Consumer fetch: the broker answers a fetch once it holds KAFKA_FETCH_MIN_BYTES for the group, or after
   * KAFKA_FETCH_MAX_WAIT_MS. The defaults (1 byte, 5 s) answer each message at once and keep idle groups
   * quiet; a larger minimum gathers several messages per fetch under load, at up to the wait in latency
   * per hop and one fetch per wait per idle group (Performance in the README).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1048576)
  KAFKA_FETCH_MIN_BYTES = 1;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(30000)
  KAFKA_FETCH_MAX_WAIT_MS = 5000;

  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  OUTBOX_RELAY_ENABLED: boolean = true;

  /**
   * Additions to the built-in working-day data (calendar-spec.ts): official year schedules beyond the
   * years `chinese-days` covers, and single-day overrides. Usually given as WORK_CALENDAR_FILE=/path.
   */
  @IsOptional()
  @IsString()
  @Validate(WorkCalendarSpec)
  WORK_CALENDAR?: string;

  /**
   * Where a NEW consumer group starts: true = the oldest retained message (production: nothing published
   * before the first deployment is missed); false = only messages produced after the group joined (tests
   * that share one broker across runs).
   */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  KAFKA_FROM_BEGINNING: boolean = true;
}
