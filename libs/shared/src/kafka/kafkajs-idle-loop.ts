/**
 * kafkajs 2.2.4 spins a 1 ms timer on every broker connection forever (tulios/kafkajs#1556, #1604, #1704,
 * unreleased fixes #1667, #1768): `RequestQueue.scheduleCheckPendingRequests` runs after every answered
 * request and, with nothing waiting and no throttle, arms `setTimeout(check, throttledUntil - now)`, a
 * negative delay (→ 1 ms) whose callback arms the next one. Measured here: 30 % of an idle service's busy
 * time in timers and kafkajs, ~0.018 cores per idle service, and the same thousand wake-ups a second per
 * connection under load.
 *
 * The replacement arms the check only while requests wait: when the broker throttled the client, at the end
 * of the throttle; when the in-flight limit holds them, after 10 ms as kafkajs does (an answered request
 * checks the queue anyway). With nothing waiting nothing is armed; `push` arms it when a request has to wait.
 */

/** kafkajs' interval for requests held by the in-flight limit (requestQueue/index.js). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

export interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
}

export interface RequestQueueClass {
  prototype: object;
  __govIdleLoop?: true;
}

function scheduleCheckPendingRequests(this: RequestQueueLike): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const throttledFor = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** Replaces the method; false (nothing changed) when kafkajs' RequestQueue is not the shape this file knows. */
export function patchRequestQueueIdleLoop(RequestQueue: RequestQueueClass): boolean {
  if (RequestQueue.__govIdleLoop) return true;
  const proto = RequestQueue.prototype as Record<string, unknown>;
  const original = proto.scheduleCheckPendingRequests;
  if (typeof original !== 'function' || typeof proto.checkPendingRequests !== 'function') return false;
  const source = String(original);
  if (!source.includes('throttledUntil') || !source.includes('throttleCheckTimeoutId')) return false;
  proto.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  RequestQueue.__govIdleLoop = true;
  return true;
}
