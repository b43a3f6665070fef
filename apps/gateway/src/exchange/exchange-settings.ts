import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import { EnvelopeKeys, normalisePublicKey, publicKeyOf } from './envelope/sm2-envelope';
import { HcpConstants } from './mapping/hcp-constants';

/** Retry schedule of exchange records: full-jitter exponential backoff, dead after maxAttempts. */
export interface ExchangeRetry {
  baseMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * After attempt n failed: when to try again (delay uniform in [0, min(max, base·2^(n-1))], AWS "full
 * jitter"), or null when n attempts were the last allowed and the record is dead.
 */
export function nextExchangeAttempt(
  attempts: number,
  r: ExchangeRetry,
  now = new Date(),
  random: () => number = Math.random,
): Date | null {
  if (attempts >= r.maxAttempts) return null;
  const cap = Math.min(r.maxDelayMs, r.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return new Date(now.getTime() + Math.floor(random() * cap));
}

/** The exchange's settings, read once from the validated config. */
@Injectable()
export class ExchangeSettings {
  readonly enabled: boolean;
  readonly retry: ExchangeRetry;
  /** Undefined while the exchange is disabled (no keys needed then). */
  readonly keys?: EnvelopeKeys;
  /** Our signing public key (uncompressed point, hex) whenever a private key is configured. */
  readonly publicKeyHex?: string;
  readonly hcp: HcpConstants;

  constructor(readonly config: GatewayConfig) {
    this.enabled = config.EXCHANGE_ENABLED;
    this.hcp = {
      statusUrlTemplate: config.EXCHANGE_STATUS_URL_TEMPLATE ?? null,
      areaCode: config.EXCHANGE_AREA_CODE ?? null,
      areaName: config.EXCHANGE_AREA_NAME ?? null,
      source: config.EXCHANGE_HCP_SOURCE ?? null,
      sourceTJ: config.EXCHANGE_HCP_SOURCE_TJ ?? null,
    };
    this.retry = {
      baseMs: config.EXCHANGE_RETRY_BASE_MS,
      maxDelayMs: config.EXCHANGE_RETRY_MAX_DELAY_MS,
      maxAttempts: config.EXCHANGE_MAX_ATTEMPTS,
    };
    const priv = config.EXCHANGE_SM2_PRIVATE_KEY?.toLowerCase();
    this.publicKeyHex = priv ? publicKeyOf(priv) : undefined;
    if (this.enabled && priv && config.EXCHANGE_PROVINCE_PUBLIC_KEY && config.EXCHANGE_APP_MARK) {
      this.keys = {
        appMark: config.EXCHANGE_APP_MARK,
        appWord: config.EXCHANGE_APP_WORD,
        privateKeyHex: priv,
        publicKeyHex: publicKeyOf(priv),
        provincePublicKeyHex: normalisePublicKey(config.EXCHANGE_PROVINCE_PUBLIC_KEY),
        signParams: config.EXCHANGE_SIGN_PARAMS,
      };
    }
  }

  /** Where a record of this kind is POSTed. */
  urlOf(kind: string, caseTable: boolean): string {
    const base = (this.config.EXCHANGE_BASE_URL ?? '').replace(/\/+$/, '');
    return `${base}/${caseTable ? 'exchange' : 'hcp'}/${kind}`;
  }
}
