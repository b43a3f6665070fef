import { Transform, Type } from 'class-transformer';
import {
  Equals,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

const flag = ({ value }: { value: unknown }): boolean => value === true || value === 'true' || value === '1';

const URL_RE = /^https?:\/\/[^\s]+$/;

/**
 * The edge plus, since partner webhooks, a small domain service of its own: its database (`gov_gateway`:
 * webhook subscriptions and deliveries), a Kafka consumer of the published domain topics and an outbox.
 */
export class GatewayConfig extends ServiceConfig {
  override PORT = 3000;
  override KAFKA_CLIENT_ID = 'gateway';
  override KAFKA_GROUP_ID = 'gateway';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(URL_RE) INTAKE_URL = 'http://127.0.0.1:3001';
  @Matches(URL_RE) APPROVAL_URL = 'http://127.0.0.1:3002';
  @Matches(URL_RE) CERTIFICATE_URL = 'http://127.0.0.1:3003';
  @Matches(URL_RE) EVALUATION_URL = 'http://127.0.0.1:3004';
  @Matches(URL_RE) SUPERVISION_URL = 'http://127.0.0.1:3005';

  /** Requests per client (token or IP) per minute; fixed window in Redis. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Anonymous public reads (GET catalog, keys, QR verification) per client address per minute: a hall of
   * kiosks or a scanning counter behind one NAT address must not be refused.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_PUBLIC_READ_PER_MINUTE = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  UPSTREAM_TIMEOUT_MS = 15000;

  /**
   * Longest time the gateway reuses a public answer (anonymous GET, `Cache-Control: public, max-age`: the
   * catalog, the signing keys) without asking the service again; 0 turns the edge cache off.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  PUBLIC_CACHE_MAX_SECONDS = 10;

  @IsString()
  RATE_LIMIT_PREFIX = 'gw:rl';

  /** Longest wait for Redis on a request path before the limiter fails open. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(5000)
  REDIS_COMMAND_TIMEOUT_MS = 200;

  // ── partner webhooks (webhooks/) ───────────────────────────────────────────────────────────────────────

  /** Run the webhook dispatcher in this process (every replica may; rows are claimed with SKIP LOCKED). */
  @IsOptional()
  @Transform(flag)
  WEBHOOK_DISPATCHER_ENABLED: boolean = true;

  /** How often an idle dispatcher looks for due deliveries (a new event wakes it at once). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_DISPATCH_INTERVAL_MS = 1000;

  /** Deliveries claimed and sent in parallel per round. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  WEBHOOK_DISPATCH_BATCH = 20;

  /** Longest wait for a partner's answer (connect + response). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Retry schedule: exponential backoff with full jitter, delay n = random(0, min(MAX, BASE·2^(n-1))). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_MAX_DELAY_MS = 3_600_000;

  /** A delivery not delivered this long after its first attempt is dead-lettered (default 24 h). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_RETRY_WINDOW_MS = 86_400_000;

  /** Dead-lettered deliveries in a row (no success between) after which the subscription is disabled. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  WEBHOOK_DISABLE_AFTER_DEAD_LETTERS = 20;

  /** Every attempt failing for this long (no success since) also disables the subscription (default 5 days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_DISABLE_AFTER_FAILING_MS = 5 * 86_400_000;

  /** How long a rotated-out secret keeps signing beside the new one (default 24 h). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30 * 86_400)
  WEBHOOK_SECRET_OVERLAP_SECONDS = 86_400;

  /** Delivered and dead-lettered deliveries are kept this long (the delivery log), then pruned. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  WEBHOOK_RETENTION_DAYS = 30;

  /** Allow http:// targets (always so in development; tests set it). Refused with NODE_ENV=production. */
  @IsOptional()
  @Transform(flag)
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production')
  @Equals(false, {
    message:
      'WEBHOOK_ALLOW_HTTP=true is not allowed with NODE_ENV=production: partner webhook targets must be https',
  })
  WEBHOOK_ALLOW_HTTP: boolean = false;

  /**
   * Private, loopback and link-local targets: `false` (default: refused), `true` (all allowed), or only
   * the networks listed (`127.0.0.0/8,::1/128`: a test's local receiver). Metadata addresses never.
   */
  @IsString()
  @Matches(/^(true|false|[0-9a-fA-F:.]+(\/\d{1,3})?(,[0-9a-fA-F:.]+(\/\d{1,3})?)*)$/, {
    message: 'WEBHOOK_ALLOW_PRIVATE_TARGETS must be true, false or comma-separated CIDRs',
  })
  WEBHOOK_ALLOW_PRIVATE_TARGETS = 'false';

  /**
   * Key that seals partners' signing secrets at rest (AES-256-GCM). Required in production; without it
   * (development, tests) secrets are stored as they are.
   */
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production' || c.WEBHOOK_SECRET_KEY !== undefined)
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET_KEY must be at least 32 characters' })
  WEBHOOK_SECRET_KEY?: string;

  // ── provincial exchange (exchange/) ────────────────────────────────────────────────────────────────────

  /** Push 办件 and 好差评 data to the provincial platform (off: the events are not recorded at all). */
  @IsOptional()
  @Transform(flag)
  EXCHANGE_ENABLED: boolean = false;

  /** The provincial platform's base URL (records go to `<base>/exchange/<table>` and `<base>/hcp/<kind>`). */
  @ValidateIf((c: GatewayConfig) => c.EXCHANGE_ENABLED)
  @Matches(URL_RE, { message: 'EXCHANGE_BASE_URL must be an http(s) URL when EXCHANGE_ENABLED' })
  EXCHANGE_BASE_URL?: string;

  /** 调用方标识 appMark and its 口令 appWord (part of the signed string), issued by the province. */
  @ValidateIf((c: GatewayConfig) => c.EXCHANGE_ENABLED)
  @IsString()
  @MinLength(1, { message: 'EXCHANGE_APP_MARK is required when EXCHANGE_ENABLED' })
  EXCHANGE_APP_MARK?: string;

  @IsString()
  EXCHANGE_APP_WORD = '';

  /** Our SM2 private key (64 hex) that signs every envelope; the province holds its public key. */
  @ValidateIf((c: GatewayConfig) => c.EXCHANGE_ENABLED || c.EXCHANGE_SM2_PRIVATE_KEY !== undefined)
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'EXCHANGE_SM2_PRIVATE_KEY must be 64 hex characters' })
  EXCHANGE_SM2_PRIVATE_KEY?: string;

  /** The province's SM2 public key (128 or 130 hex, uncompressed) that encrypts `params`. */
  @ValidateIf((c: GatewayConfig) => c.EXCHANGE_ENABLED || c.EXCHANGE_PROVINCE_PUBLIC_KEY !== undefined)
  @Matches(/^(04)?[0-9a-fA-F]{128}$/, {
    message: 'EXCHANGE_PROVINCE_PUBLIC_KEY must be an uncompressed SM2 key in hex',
  })
  EXCHANGE_PROVINCE_PUBLIC_KEY?: string;

  /** Sign `time + appMark + appWord + params` (true) or the reference's `time + appMark + appWord` alone. */
  @IsOptional()
  @Transform(flag)
  EXCHANGE_SIGN_PARAMS: boolean = true;

  /** 3-digit 数据来源 code the province assigned (data_source / dataSource). */
  @Matches(/^\d{3}$/, { message: 'EXCHANGE_DATA_SOURCE must be 3 digits' })
  EXCHANGE_DATA_SOURCE = '111';

  /** 好差评 statusUrl (办件详情): an https URL with `{projectNo}` where the case number goes; unset: null. */
  @IsOptional()
  @Matches(/^https:\/\/[^\s]*\{projectNo\}[^\s]*$/, {
    message: 'EXCHANGE_STATUS_URL_TEMPLATE must be an https URL containing {projectNo}',
  })
  EXCHANGE_STATUS_URL_TEMPLATE?: string;

  /** 好差评 areaCode + areaName: the platform's 12-digit 行政区划 and its name (both or neither). */
  @ValidateIf((c: GatewayConfig) => c.EXCHANGE_AREA_CODE !== undefined || c.EXCHANGE_AREA_NAME !== undefined)
  @Matches(/^\d{12}$/, { message: 'EXCHANGE_AREA_CODE must be 12 digits (set with EXCHANGE_AREA_NAME)' })
  EXCHANGE_AREA_CODE?: string;

  @ValidateIf((c: GatewayConfig) => c.EXCHANGE_AREA_CODE !== undefined || c.EXCHANGE_AREA_NAME !== undefined)
  @IsString()
  @MinLength(1, { message: 'EXCHANGE_AREA_NAME is required with EXCHANGE_AREA_CODE' })
  @MaxLength(100)
  EXCHANGE_AREA_NAME?: string;

  /** 好差评 projectService `source` and `sourceTJ`, as the province assigns them (unset: null). */
  @IsOptional() @IsString() @MaxLength(50) EXCHANGE_HCP_SOURCE?: string;
  @IsOptional() @IsString() @MaxLength(50) EXCHANGE_HCP_SOURCE_TJ?: string;

  /** How often an idle dispatcher looks for due records (a new record wakes it at once). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  EXCHANGE_DISPATCH_INTERVAL_MS = 1000;

  /** Records sent at once per replica (each holds a database connection while it is sent). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8)
  EXCHANGE_DISPATCH_CONCURRENCY = 3;

  /** A record waits this long after it is recorded, so an earlier record of its case lagging on another topic is sent first. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  EXCHANGE_SETTLE_MS = 1000;

  /** Longest wait for the province's answer (connect + response). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  EXCHANGE_TIMEOUT_MS = 10_000;

  /** Retries: delay n = random(0, min(MAX, BASE·2^(n-1))) (full jitter); dead after MAX_ATTEMPTS attempts. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  EXCHANGE_RETRY_BASE_MS = 5_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  EXCHANGE_RETRY_MAX_DELAY_MS = 1_800_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  EXCHANGE_MAX_ATTEMPTS = 12;

  /** Delivered exchange records are kept this long (the delivery log), then pruned; dead ones are kept. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  EXCHANGE_RETENTION_DAYS = 30;
}

/** The gateway hashes no personal ID numbers: the key the domain services need is optional here. */
IsOptional()(GatewayConfig.prototype, 'PII_HASH_KEY');
