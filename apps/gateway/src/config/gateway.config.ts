import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BaseConfig } from '@app/shared/config';

const URL_RE = /^https?:\/\/[^\s]+$/;

export class GatewayConfig extends BaseConfig {
  override PORT = 3000;
  override KAFKA_CLIENT_ID = 'gateway';

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
}
