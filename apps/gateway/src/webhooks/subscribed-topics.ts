import { Injectable } from '@nestjs/common';
import { WebhookSubscriptionRepository } from './repositories/webhook-subscription.repository';

/** How stale the set of subscribed topics may be when nothing says it changed. */
export const SUBSCRIBED_TOPICS_REFRESH_MS = 2000;

/** A version every replica reads (Redis): bumped after each committed subscription change. */
export interface SubscriptionsVersion {
  read(): Promise<string | null>;
  bump(): Promise<void>;
}

/**
 * The topics at least one receiving subscription wants. The webhook consumer acknowledges an event nobody
 * subscribed to without a database transaction (most events, on a platform with few partners), and the
 * dispatcher skips its round when no subscription receives anything.
 *
 * Guarantee: every event published after a subscription change was answered (the change is committed,
 * then the shared version bumped, then the API answers) is judged against the new set by every replica,
 * because each reads the version before using its cached set and reloads the set when it moved. When the
 * version cannot be read (Redis away) or the set cannot be loaded, every event takes the full path.
 */
@Injectable()
export class SubscribedTopics {
  private topics: ReadonlySet<string> | null = null;
  private version: string | null = null;
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly subscriptions: Pick<WebhookSubscriptionRepository, 'receivingTopics'>,
    private readonly shared: SubscriptionsVersion,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an event of `topic` may have a subscriber (false only when known not to). */
  async wanted(topic: string): Promise<boolean> {
    const topics = await this.current();
    return topics === null || topics.has(topic);
  }

  /** Whether any subscription may receive anything (false only when known that none does). */
  async any(): Promise<boolean> {
    const topics = await this.current();
    return topics === null || topics.size > 0;
  }

  /** A subscription change was committed: every replica reloads before judging its next event. */
  async changed(): Promise<void> {
    this.loadedAt = 0;
    await this.shared.bump().catch(() => undefined);
  }

  /** The set when it is known to be current; null when in doubt. */
  private async current(): Promise<ReadonlySet<string> | null> {
    let v: string | null;
    try {
      v = await this.shared.read();
    } catch {
      return null;
    }
    if (
      this.topics === null ||
      v !== this.version ||
      this.now() - this.loadedAt >= SUBSCRIBED_TOPICS_REFRESH_MS
    ) {
      const ok = await this.refresh(v).then(
        () => true,
        () => false,
      );
      if (!ok) return null;
    }
    return this.version === v ? this.topics : null;
  }

  private refresh(v: string | null): Promise<void> {
    // The version is read before the set: a change committed during the load moves the version again.
    this.loading ??= this.subscriptions
      .receivingTopics()
      .then((t) => {
        this.topics = t;
        this.version = v;
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
