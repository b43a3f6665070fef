import type { WebhookDisableReason } from '@app/shared/contracts';

export interface DisableLimits {
  /** WEBHOOK_DISABLE_AFTER_DEAD_LETTERS */
  deadLetters: number;
  /** WEBHOOK_DISABLE_AFTER_FAILING_MS */
  failingMs: number;
}

/**
 * Why a failing subscription must be disabled now, or null: N deliveries dead-lettered in a row (no
 * success between), or nothing but failed attempts since `failingSince` for the period.
 */
export function disableReason(
  s: { consecutiveDeadLetters: number; failingSince: Date | null },
  now: Date,
  limits: DisableLimits,
): WebhookDisableReason | null {
  if (s.consecutiveDeadLetters >= limits.deadLetters) return 'CONSECUTIVE_DEAD_LETTERS';
  if (s.failingSince && now.getTime() - s.failingSince.getTime() >= limits.failingMs) {
    return 'FAILING_TOO_LONG';
  }
  return null;
}
