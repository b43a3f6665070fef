import type { KafkaEventServer } from '@app/shared/kafka';
import type { GatewayConfig } from '../config/gateway.config';
import { PartnerConsumerGate, SUBSCRIPTION_LOOKBACK_MS } from './partner-consumer.gate';
import type { WebhookSubscriptionRepository } from './repositories/webhook-subscription.repository';
import { owedTo } from './use-cases/record-event/record-event.use-case';

describe('PartnerConsumerGate', () => {
  const gate = (exchange: boolean, first: Date | null) => {
    const deferred: unknown[] = [];
    const g = new PartnerConsumerGate(
      { EXCHANGE_ENABLED: exchange } as GatewayConfig,
      { firstReceivingSince: () => Promise.resolve(first) } as unknown as WebhookSubscriptionRepository,
      { deferUntilNeeded: (x: unknown) => deferred.push(x) } as unknown as KafkaEventServer,
    );
    g.onModuleInit();
    expect(deferred).toEqual([g]);
    return g;
  };

  it('keeps the consumer out of Kafka while no subscription receives events and the exchange is off', async () => {
    await expect(gate(false, null).needed()).resolves.toBeNull();
  });

  it('starts it a minute before the oldest receiving subscription', async () => {
    const created = new Date('2026-11-26T08:00:00Z');
    await expect(gate(false, created).needed()).resolves.toEqual({
      since: new Date(created.getTime() - SUBSCRIPTION_LOOKBACK_MS),
    });
  });

  it('starts it at once, from the committed positions, when the exchange is on', async () => {
    await expect(gate(true, null).needed()).resolves.toEqual({});
    await expect(gate(true, new Date()).needed()).resolves.toEqual({});
  });
});

describe('owedTo (which events a subscription receives)', () => {
  const created = new Date('2026-11-26T08:00:00Z');
  it('owes events from a minute before its creation on, not older ones', () => {
    expect(owedTo(created, created.getTime() + 1)).toBe(true);
    expect(owedTo(created, created.getTime() - SUBSCRIPTION_LOOKBACK_MS)).toBe(true);
    expect(owedTo(created, created.getTime() - SUBSCRIPTION_LOOKBACK_MS - 1)).toBe(false);
  });
  it('delivers an event whose time cannot be read', () => {
    expect(owedTo(created, Number.NaN)).toBe(true);
  });
});
