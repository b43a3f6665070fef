import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Topic } from '@app/shared/contracts';
import type { InboundEvent } from '@app/shared/kafka';
import { WebhookDeliveryRepository } from '../../repositories/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { codesOf, matchesFilters } from '../../webhook-topics';
import { webhookDeliveriesCreated } from '../../webhooks.metrics';
import { SUBSCRIPTION_LOOKBACK_MS } from '../../partner-consumer.gate';

/** The body partners receive (Standard Webhooks' `{type, timestamp, data}`), built once per event. */
export function webhookBody(e: Pick<InboundEvent, 'topic' | 'time' | 'payload'>): string {
  const time = Number.isNaN(Date.parse(e.time)) ? new Date().toISOString() : e.time;
  return JSON.stringify({ type: e.topic, timestamp: time, data: e.payload });
}

/**
 * Whether a subscription created at `createdAt` is owed an event that occurred at `occurred` (ms; NaN when
 * the event's time is unreadable, then yes): events from before a subscription existed are not its
 * business, apart from a minute's grace for clock skew (a consumer that starts late, or replays, never
 * sends a partner its history).
 */
export function owedTo(createdAt: Date, occurred: number): boolean {
  return Number.isNaN(occurred) || occurred >= createdAt.getTime() - SUBSCRIPTION_LOOKBACK_MS;
}

/**
 * A domain event arrived: one pending delivery per subscription that wants its topic and whose department
 * and item filters match. Runs in the inbox transaction (processed_events), and deliveries are unique per
 * (subscription, event), so a redelivered event queues nothing twice. The payload is the validated
 * contract as published: personal ID numbers in it are already masked; nothing is added.
 */
@Injectable()
export class RecordEventUseCase {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async execute(em: EntityManager, e: InboundEvent<Topic>): Promise<number> {
    const codes = codesOf(e.payload);
    const occurred = Date.parse(e.time);
    const ids = (await this.subscriptions.receiving(em, e.topic))
      .filter((s) => matchesFilters(codes, s) && owedTo(s.createdAt, occurred))
      .map((s) => s.id);
    if (ids.length === 0) return 0;
    await this.deliveries.insertEvent(em, {
      eventId: e.id,
      topic: e.topic,
      subject: e.subject.slice(0, 200),
      body: webhookBody(e),
    });
    const queued = await this.deliveries.insertDeliveries(em, e.id, e.topic, ids);
    webhookDeliveriesCreated.inc({ topic: e.topic }, queued);
    return queued;
  }
}
