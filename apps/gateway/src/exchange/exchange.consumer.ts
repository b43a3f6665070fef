import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { ExchangeDispatcher } from './exchange-dispatcher';
import { ExchangeSettings } from './exchange-settings';
import { EXCHANGE_TOPICS } from './mapping/exchange-codes';
import { RecordExchangeEventUseCase } from './use-cases/record-exchange-event/record-exchange-event.use-case';

/**
 * The exchange's own consumer identity in processed_events: the webhooks consumer handles the same topics
 * in the same app (both `@EventPattern` handlers of a topic run for each message), and each must dedupe
 * on its own.
 */
export const EXCHANGE_CONSUMER = 'gateway-exchange';

/** Domain events → provincial exchange records (idempotent per event, in the inbox transaction). */
@Controller()
export class ExchangeConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly recordEvent: RecordExchangeEventUseCase,
    private readonly dispatcher: ExchangeDispatcher,
    private readonly settings: ExchangeSettings,
  ) {}

  @EventPattern([...EXCHANGE_TOPICS])
  async onEvent(@Payload() e: InboundEvent): Promise<void> {
    if (!this.settings.enabled) return;
    let queued = 0;
    const fresh = await this.inbox.handleOnce(
      e,
      async (em) => {
        queued = await this.recordEvent.execute(em, e);
      },
      EXCHANGE_CONSUMER,
    );
    // Inside a consumed batch, the dispatcher is woken once the batch's transaction has committed.
    if (fresh && queued > 0) this.inbox.afterCommit(() => this.dispatcher.poke());
  }
}
