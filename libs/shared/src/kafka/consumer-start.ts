import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';

/** What a deferred consumer needs to start: the earliest time whose events it must see, if any. */
export interface ConsumerStart {
  /**
   * Partitions whose committed position lies before this time are moved forward to it when assigned (never
   * backward): events from before it are of no use to anybody. Undefined: from the committed positions.
   */
  since?: Date;
}

/**
 * Defers a consumer until something needs it: the gateway's partner consumer on a platform without
 * partners costs nothing (no group, no fetches). Asked once at start and then every `pollMs`.
 */
export interface ConsumerStartGate {
  readonly pollMs: number;
  /** null while nothing needs the consumer. */
  needed(): Promise<ConsumerStart | null>;
}

/** A position to seek to: the first message of `topic`/`partition` at or after the wanted time. */
export interface SeekTarget {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Of the partitions assigned to this member, those whose committed position lies before `since`, with the
 * position of the first message at or after it (a partition with none → its end). Only forward: a
 * committed position already past `since` stands.
 */
export async function positionsBefore(
  kafka: Kafka,
  groupId: string,
  assignment: Record<string, number[]>,
  since: Date,
): Promise<SeekTarget[]> {
  const topics = Object.keys(assignment).filter((t) => assignment[t].length > 0);
  if (topics.length === 0) return [];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    // All topics at once: the consumer skips its messages until this answers (no heartbeat meanwhile).
    const times = await Promise.all(
      committed.map(({ topic }) => admin.fetchTopicOffsetsByTimestamp(topic, since.getTime())),
    );
    const targets: SeekTarget[] = [];
    for (const [i, { topic, partitions }] of committed.entries()) {
      for (const p of times[i]) {
        if (!assignment[topic].includes(p.partition)) continue;
        const c = partitions.find((x) => x.partition === p.partition)?.offset ?? '-1';
        if (Number(c) < Number(p.offset)) targets.push({ topic, partition: p.partition, offset: p.offset });
      }
    }
    return targets;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * A deferred consumer's start at `since`: on every join, the assigned partitions committed before it are
 * looked up and sought forward to it, and messages before their partition's target are skipped (not
 * handled), so no handler ever sees an event from before the time the consumer was needed from.
 *
 * The consumer must start a new group at the earliest position (`fromBeginning`), so that every seek is
 * forward. Fetching begins while the lookup runs: a partition whose first message is already waiting
 * for the lookup is not sought at once — its message decides (before the target: skipped, and the
 * partition sought; at or past it: handled, and no seek, which would rewind over it and deliver it twice).
 */
export class ForwardSeek {
  private targets = Promise.resolve(new Map<string, bigint>());
  /** Partitions of the current generation whose first message came before the lookup answered. */
  private waiting = new Set<string>();
  /** Partitions sought in the current generation (one seek each suffices). */
  private sought = new Set<string>();
  private readonly logger = new Logger(ForwardSeek.name);
  private joins = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly since: Date,
    private readonly seek: (t: SeekTarget) => void,
  ) {}

  onJoin(assignment: Record<string, number[]>): void {
    const generation = ++this.joins;
    this.waiting = new Set();
    this.sought = new Set();
    this.targets = positionsBefore(this.kafka, this.groupId, assignment, this.since).then(
      (ts) => {
        // A later join owns the partitions now: its own lookup decides.
        if (generation !== this.joins) return new Map<string, bigint>();
        for (const t of ts) {
          if (!this.waiting.has(`${t.topic}/${t.partition}`)) this.seekOnce(t);
        }
        if (ts.length > 0) {
          this.logger.log({ since: this.since, partitions: ts.length }, 'positions brought forward');
        }
        return new Map(ts.map((t) => [`${t.topic}/${t.partition}`, BigInt(t.offset)]));
      },
      (err: unknown) => {
        this.logger.warn({ err }, 'could not bring positions forward; consuming from the committed ones');
        return new Map<string, bigint>();
      },
    );
  }

  /**
   * Whether a message lies before where its partition is brought to (dropped unhandled). Called as the
   * consumer hands over each message, before anything else of it runs.
   */
  async skips(topic: string, partition: number, offset: string): Promise<boolean> {
    const key = `${topic}/${partition}`;
    this.waiting.add(key);
    const min = (await this.targets).get(key);
    if (min === undefined || BigInt(offset) >= min) return false;
    this.seekOnce({ topic, partition, offset: min.toString() });
    return true;
  }

  /**
   * Waits (at most `maxMs`) for a lookup under way: its kafkajs admin would otherwise go on retrying after
   * the consumer closed (a test's environment was torn down under it). The lookup never rejects.
   */
  async settle(maxMs = 15_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxMs);
      timer.unref();
    });
    await Promise.race([this.targets.then(() => undefined), bound]);
    clearTimeout(timer);
  }

  private seekOnce(t: SeekTarget): void {
    const key = `${t.topic}/${t.partition}`;
    if (this.sought.has(key)) return;
    this.sought.add(key);
    try {
      this.seek(t);
    } catch (err) {
      // The consumer stopped meanwhile (closing, or restarting after a crash): its next join seeks again.
      this.logger.warn({ err }, 'could not seek; the next join will');
    }
  }
}
