import { Logger } from '@nestjs/common';
import type { EachBatchPayload, EachMessagePayload } from 'kafkajs';
import { eventsHandled } from '../metrics/metrics';

/** How the consumer hands a fetched partition batch over. */
export interface BatchHandling {
  /** Most messages handled together (one `scope`). */
  max: number;
  /** The inbox's shared transaction: committed when `fn` returns, rolled back when it throws. */
  scope: <R>(fn: () => Promise<R>) => Promise<R>;
  /** Whether a message is dropped unhandled (before where its partition was brought forward). */
  skips: (p: EachMessagePayload) => Promise<boolean>;
  /** The message's handler, once, no retry (throws what it throws). */
  dispatch: (p: EachMessagePayload) => Promise<void>;
  /** One message with its own retries and dead-lettering (throws only when the consumer is closing). */
  one: (p: EachMessagePayload) => Promise<void>;
}

const logger = new Logger('BatchConsumption');

/**
 * A partition batch in chunks of at most `max` messages, in offset order: each chunk handled together in
 * one scope — a chunk of one message too, since the scope gathers the chunks of other partitions handled
 * at the same time (the inbox's group commit); a chunk that fails is rolled back and handled again message
 * by message (with the usual retries and dead-lettering). Offsets are resolved only for what was handled
 * and committed, and nothing more is handled once the consumer stops or the partition was sought elsewhere.
 */
export async function consumeBatch(b: EachBatchPayload, h: BatchHandling): Promise<void> {
  const batch = b.batch;
  const heartbeat = () => b.heartbeat();
  const live = () => b.isRunning() && !b.isStale();
  const each: EachMessagePayload[] = batch.messages.map((message) => ({
    topic: batch.topic,
    partition: batch.partition,
    message,
    heartbeat,
    pause: () => b.pause(),
  }));
  for (let i = 0; i < each.length && live();) {
    const chunk = each.slice(i, i + h.max);
    const n = await together(chunk, live, h);
    if (n === 0) return;
    if (n !== null) {
      for (const p of chunk.slice(0, n)) b.resolveOffset(p.message.offset);
      i += n;
    } else {
      for (const p of chunk) {
        if (!live()) return;
        await h.one(p);
        b.resolveOffset(p.message.offset);
        i++;
      }
    }
    await heartbeat();
    await b.commitOffsetsIfNecessary();
  }
}

/** The number of messages handled (a prefix: all unless `live()` turned false), or null when it failed. */
async function together(
  each: EachMessagePayload[],
  live: () => boolean,
  h: BatchHandling,
): Promise<number | null> {
  const handled: string[] = [];
  let n = 0;
  try {
    await h.scope(async () => {
      for (const p of each) {
        if (!live()) return;
        if (!(await h.skips(p))) {
          await h.dispatch(p);
          handled.push(p.topic);
        }
        n++;
      }
    });
  } catch (err) {
    logger.log({ err, messages: each.length }, 'batch failed; handling its messages one by one');
    return null;
  }
  for (const topic of handled) eventsHandled.inc({ topic, outcome: 'ok' });
  return n;
}
