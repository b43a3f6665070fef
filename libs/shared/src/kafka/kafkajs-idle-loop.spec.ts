import { patchRequestQueueIdleLoop, RequestQueueClass, RequestQueueLike } from './kafkajs-idle-loop';

/** kafkajs' own RequestQueue, a fresh copy of the module each time (the patch changes its prototype). */
type Queue = RequestQueueLike & {
  inflight: Map<number, unknown>;
  push(r: unknown): void;
  fulfillRequest(r: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
};
function freshRequestQueueClass(): RequestQueueClass & (new (o: object) => Queue) {
  let cls: unknown;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cls = require('kafkajs/src/network/requestQueue');
  });
  return cls as RequestQueueClass & (new (o: object) => Queue);
}
const logger = {
  debug: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  error: () => undefined,
};
const queue = (cls: new (o: object) => Queue, maxInFlightRequests: number | null = null): Queue =>
  new cls({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: '127.0.0.1:9092',
    logger,
    isConnected: () => true,
  });
/** A request as kafkajs' Connection pushes it; `sent` counts how often it reached the socket. */
function request(correlationId: number) {
  const r = {
    sent: 0,
    answered: false,
    pushed: {
      entry: {
        correlationId,
        resolve: () => (r.answered = true),
        reject: () => undefined,
      },
      expectResponse: true,
      sendRequest: () => r.sent++,
    },
  };
  return r;
}
const answer = (q: Queue, correlationId: number) =>
  q.fulfillRequest({ correlationId, payload: Buffer.alloc(0), size: 0 });

describe('kafkajs request queue idle loop', () => {
  it('kafkajs 2.2.4 as shipped arms a timer after every answer even with nothing waiting (the loop fixed here)', () => {
    const q = queue(freshRequestQueueClass());
    const r = request(1);
    q.push(r.pushed);
    answer(q, 1);
    expect(r.answered).toBe(true);
    expect(q.pending).toHaveLength(0);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    q.destroy();
  });

  it('patched: nothing is armed while nothing waits', () => {
    const cls = freshRequestQueueClass();
    expect(patchRequestQueueIdleLoop(cls)).toBe(true);
    expect(patchRequestQueueIdleLoop(cls)).toBe(true); // once
    const q = queue(cls);
    for (let id = 1; id <= 3; id++) {
      const r = request(id);
      q.push(r.pushed);
      expect(r.sent).toBe(1);
      answer(q, id);
      expect(r.answered).toBe(true);
      expect(q.throttleCheckTimeoutId).toBeNull();
    }
  });

  it('patched: a request held by the in-flight limit is sent when the one before is answered', () => {
    const cls = freshRequestQueueClass();
    patchRequestQueueIdleLoop(cls);
    const q = queue(cls, 1);
    const first = request(1);
    const second = request(2);
    q.push(first.pushed);
    q.push(second.pushed);
    expect([first.sent, second.sent]).toEqual([1, 0]);
    expect(q.throttleCheckTimeoutId).not.toBeNull(); // it waits: checked again in 10 ms
    answer(q, 1);
    expect(second.sent).toBe(1);
    answer(q, 2);
    expect(second.answered).toBe(true);
    q.destroy();
  });

  it('patched: a request held by a broker throttle is sent when the throttle ends', async () => {
    const cls = freshRequestQueueClass();
    patchRequestQueueIdleLoop(cls);
    const q = queue(cls);
    q.maybeThrottle(30);
    const r = request(1);
    q.push(r.pushed);
    expect(r.sent).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(r.sent).toBe(1);
    answer(q, 1);
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('leaves a request queue of another shape alone', () => {
    class Other {
      scheduleCheckPendingRequests(): void {}
      checkPendingRequests(): void {}
    }
    expect(patchRequestQueueIdleLoop(Other)).toBe(false);
    expect(patchRequestQueueIdleLoop(class {})).toBe(false);
  });
});
