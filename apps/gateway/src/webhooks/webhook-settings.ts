import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import { RetrySchedule } from './delivery/backoff';
import { SecretBox } from './delivery/secret-box';
import { parsePrivateAllowance, TargetPolicy } from './delivery/target-guard';

/** The webhooks feature's settings, read once from the validated config. */
@Injectable()
export class WebhookSettings {
  readonly targetPolicy: TargetPolicy;
  readonly schedule: RetrySchedule;
  readonly secrets: SecretBox;

  constructor(readonly config: GatewayConfig) {
    this.targetPolicy = {
      allowHttp: config.NODE_ENV === 'development' || config.WEBHOOK_ALLOW_HTTP,
      allowPrivate: parsePrivateAllowance(config.WEBHOOK_ALLOW_PRIVATE_TARGETS),
    };
    this.schedule = {
      baseMs: config.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
      windowMs: config.WEBHOOK_RETRY_WINDOW_MS,
    };
    this.secrets = new SecretBox(config.WEBHOOK_SECRET_KEY);
  }
}
