import { Injectable } from '@nestjs/common';
import { WebhookSubscriptionRepository } from './repositories/webhook-subscription.repository';

/** How stale the set of subscribed topics may be: a subscription made on another replica counts after this. */
export const SUBSCRIBED_TOPICS_REFRESH_MS = 2000;

/**
 * The topics at least one receiving subscription wants, read at most every SUBSCRIBED_TOPICS_REFRESH_MS.
 * The webhook consumer skips (acknowledges without a database transaction) an event nobody subscribed
 * to: most events on a platform with few partners. A subscription made through this process counts at
 * once; one made through another replica within SUBSCRIBED_TOPICS_REFRESH_MS. When the set cannot be read
 * (database down), every event takes the full path, as if every topic were wanted.
 */
@Injectable()
export class SubscribedTopics {
  private topics: ReadonlySet<string> | null = null;
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly subscriptions: Pick<WebhookSubscriptionRepository, 'receivingTopics'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an event of `topic` may have a subscriber (false only when known not to). */
  async wanted(topic: string): Promise<boolean> {
    if (this.topics === null || this.now() - this.loadedAt >= SUBSCRIBED_TOPICS_REFRESH_MS) {
      await this.refresh().catch(() => undefined);
    }
    const fresh = this.topics !== null && this.now() - this.loadedAt < 3 * SUBSCRIBED_TOPICS_REFRESH_MS;
    return !fresh || this.topics!.has(topic);
  }

  /** A subscription changed in this process: the next event reads the set again. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private refresh(): Promise<void> {
    this.loading ??= this.subscriptions
      .receivingTopics()
      .then((t) => {
        this.topics = t;
        this.loadedAt = this.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
