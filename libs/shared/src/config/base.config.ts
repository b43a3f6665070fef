import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { CalendarSpecError, parseCalendarSpec } from '../calendar/calendar-spec';

/** Kafka client security, in kafkajs' shape (kept here so config does not import the Kafka layer). */
export interface KafkaSecurity {
  ssl?: true | { ca: string[] };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

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

/**
 * Settings every app reads. Each app extends one of these classes with its own fields; the instance is
 * validated once at boot (see load-config.ts) and injected by class: `constructor(private cfg: IntakeConfig)`.
 * Nothing outside libs/shared/src/config reads process.env.
 */
export class BaseConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Access log: `errors` logs requests answered 4xx/5xx; `all` logs every request (at info). */
  @IsIn(['errors', 'all'])
  LOG_REQUESTS: 'errors' | 'all' = 'errors';

  /** Comma-separated host:port list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsString()
  @MinLength(1)
  KAFKA_CLIENT_ID!: string;

  /** TLS to the brokers (production: Strimzi's TLS listener). */
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  KAFKA_SSL: boolean = false;

  /** PEM CA bundle that signs the brokers' certificates (usually `KAFKA_SSL_CA_FILE`); the system CAs otherwise. */
  @IsOptional()
  @Matches(/-----BEGIN CERTIFICATE-----/, { message: 'KAFKA_SSL_CA must be a PEM certificate' })
  KAFKA_SSL_CA?: string;

  /** SASL authentication (production: a KafkaUser per app with SCRAM-SHA-512). */
  @IsOptional()
  @IsIn(['plain', 'scram-sha-256', 'scram-sha-512'])
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';

  @ValidateIf((c: BaseConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @MinLength(1, { message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((c: BaseConfig) => c.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @MinLength(1, { message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD?: string;

  /** The TLS and SASL options of every Kafka client of the process. */
  get kafkaSecurity(): KafkaSecurity {
    return {
      ssl: this.KAFKA_SSL ? (this.KAFKA_SSL_CA ? { ca: [this.KAFKA_SSL_CA] } : true) : undefined,
      sasl: this.KAFKA_SASL_MECHANISM
        ? {
            mechanism: this.KAFKA_SASL_MECHANISM,
            username: this.KAFKA_SASL_USERNAME ?? '',
            password: this.KAFKA_SASL_PASSWORD ?? '',
          }
        : undefined,
    };
  }

  /** PEM public key (ES256 or RS256) that verifies every caller's JWT. */
  @IsString()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' })
  JWT_PUBLIC_KEY!: string;

  @IsString()
  JWT_ISSUER = 'gov-platform';

  /** Required `aud` of tokens when set (the identity provider's client id of this platform). */
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** Longest accepted token lifetime (exp − iat), seconds; longer-lived tokens are refused. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_MAX_LIFETIME_SECONDS = 12 * 3600;

  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, logs): `false` (none,
   * the default), `true` (any: only behind a proxy that strips client-sent headers), a hop count, or a
   * comma-separated list of proxy addresses/CIDRs (e.g. the ingress controller's pod network).
   */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F:./]+(,[0-9a-fA-F:./]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses/CIDRs',
  })
  TRUST_PROXY = 'false';

  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true') return true;
    if (this.TRUST_PROXY === 'false') return false;
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  /** Largest accepted HTTP body in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /**
   * Graceful drain on SIGTERM (docs/architecture.md, operations): readiness answers 503 at once, and the
   * process keeps serving for this long so the load balancer stops sending before the HTTP server closes.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  SHUTDOWN_DELAY_MS = 3000;

  /** The whole drain must end within this (keep it under the pod's terminationGracePeriodSeconds). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',').map((b) => b.trim());
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
   * How often an idle outbox relay looks for rows. Every commit in this process wakes it at once, so the
   * poll only matters for rows written by another replica or left by a crash.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 500;

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
