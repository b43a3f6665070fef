import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { SubscribedTopics } from './subscribed-topics';
import { RecordEventUseCase } from './use-cases/record-event/record-event.use-case';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WEBHOOK_TOPICS } from './webhook-topics';

/** Every published domain topic → deliveries for the subscriptions that want it (idempotent per event). */
@Controller()
export class WebhooksConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly recordEvent: RecordEventUseCase,
    private readonly dispatcher: WebhookDispatcher,
    private readonly subscribed: SubscribedTopics,
  ) {}

  @EventPattern([...WEBHOOK_TOPICS])
  async onEvent(@Payload() e: InboundEvent): Promise<void> {
    // Nobody subscribed to this topic: nothing to record (no transaction, no inbox row).
    if (!(await this.subscribed.wanted(e.topic))) return;
    let queued = 0;
    const fresh = await this.inbox.handleOnce(e, async (em) => {
      queued = await this.recordEvent.execute(em, e);
    });
    // Inside a consumed batch, the dispatcher is woken once the batch's transaction has committed.
    if (fresh && queued > 0) this.inbox.afterCommit(() => this.dispatcher.poke());
  }
}
