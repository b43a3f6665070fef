/** The retry schedule of webhook deliveries (config: WEBHOOK_RETRY_*). */
export interface RetrySchedule {
  baseMs: number;
  maxDelayMs: number;
  /** A delivery still failing this long after its first attempt is dead-lettered. */
  windowMs: number;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): the
 * delay before retry n (n ≥ 1) is uniform in [0, min(maxDelay, base·2^(n-1))]. Jitter spreads the retries
 * of many deliveries to one partner that failed together.
 */
export function backoffDelayMs(
  failedAttempts: number,
  s: Pick<RetrySchedule, 'baseMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exp = Math.min(s.maxDelayMs, s.baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 40));
  return Math.floor(random() * exp);
}

/**
 * After a failed attempt: when to try again, or null when the delivery is dead (the next attempt would
 * fall beyond the retry window that started at its first attempt).
 */
export function nextAttemptAt(
  firstAttemptAt: Date,
  failedAttempts: number,
  now: Date,
  s: RetrySchedule,
  random: () => number = Math.random,
): Date | null {
  const deadline = firstAttemptAt.getTime() + s.windowMs;
  if (now.getTime() >= deadline) return null;
  const at = now.getTime() + backoffDelayMs(failedAttempts, s, random);
  return new Date(Math.min(at, deadline));
}
