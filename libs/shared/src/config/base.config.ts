import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** Kafka client security, in kafkajs' shape (kept here so config does not import the Kafka layer). */
export interface KafkaSecurity {
  ssl?: true | { ca: string[] };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
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
