import { availableParallelism } from 'node:os';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

export class CertificateConfig extends ServiceConfig {
  override PORT = 3003;
  override KAFKA_CLIENT_ID = 'certificate';
  override KAFKA_GROUP_ID = 'certificate';

  /** Key id of the SM2 signing key in use; old kids stay published so old licences keep verifying. */
  @Matches(/^[A-Za-z0-9._-]{1,40}$/)
  SIGNING_KEY_ID = 'dev-1';

  /** SM2 private key, 64 hex chars. Dev keys come from scripts/dev-env.sh; production from a secret/HSM. */
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'SIGNING_PRIVATE_KEY must be a 64-hex-char SM2 private key' })
  SIGNING_PRIVATE_KEY!: string;

  /** Public base URL of the gateway; the QR code points at <PUBLIC_BASE_URL>/api/v1/verify/<token>. */
  @Matches(/^https?:\/\/\S+$/)
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /**
   * Worker threads that render and sign licences off the event loop (0 = on the main thread). Default:
   * one less than the cores, at least 1 (each thread holds its own parsed font, ~50 MiB).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(32)
  LICENCE_WORKERS = Math.max(1, availableParallelism() - 1);

  /** 证照共享: lifetime of an accessToken obtained with getToken (seconds). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86_400)
  SHARE_TOKEN_TTL_SECONDS = 7200;

  /** 证照共享: lifetime of a single-use downloadUrl link (seconds; default 10 minutes). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400)
  SHARE_DOWNLOAD_TTL_SECONDS = 600;

  @IsString()
  @MinLength(1)
  FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
}
