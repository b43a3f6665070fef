import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { BadReviewClosedV1, BadReviewRectifiedV1, TOPICS } from '@app/shared/contracts';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { BadReviewsPolicy } from './bad-reviews.policy';
import { WorkOrderDetailView } from './dto/work-order.response.dto';
import { BadReviewOrderEntity } from './entities/bad-review-order.entity';
import { BadReviewOrderRepository } from './repositories/bad-review-order.repository';
import { nextStatus, WorkOrderCommand } from './work-order-state';

/** An event a transition writes to the outbox, keyed by the case number like every evaluation event. */
export type WorkOrderEvent =
  | { topic: typeof TOPICS.BAD_REVIEW_RECTIFIED; payload: BadReviewRectifiedV1 }
  | { topic: typeof TOPICS.BAD_REVIEW_CLOSED; payload: BadReviewClosedV1 };

export interface TransitionSpec {
  command: WorkOrderCommand;
  /** Who may run it: the policy check that answers 404 for an order the caller may not touch. */
  access: 'handle' | 'decide';
  /** The text the caller wrote (history `note`). */
  note: string;
  /** The command's other input, kept in the history row. */
  details?: Record<string, unknown>;
  /** Sets the order's summary columns for the new state. */
  apply?: (order: BadReviewOrderEntity, now: Date) => void;
  /** The event the new state publishes, if any. */
  event?: (order: BadReviewOrderEntity, now: Date) => WorkOrderEvent;
}

/**
 * Runs one command on a work order: locks the order, checks who may act (404) and whether the state
 * allows the command (409), then updates the order, appends its history row and writes the outgoing event
 * to the outbox in ONE transaction — the state change and its event commit together or not at all.
 */
@Injectable()
export class WorkOrderTransitions {
  constructor(
    private readonly orders: BadReviewOrderRepository,
    private readonly policy: BadReviewsPolicy,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  async run(user: Principal, id: string, spec: TransitionSpec): Promise<WorkOrderDetailView> {
    const view = await this.orders.transaction(async (em) => {
      const locked = await this.orders.lock(em, id);
      const order =
        spec.access === 'decide'
          ? this.policy.decidable(user, locked, id)
          : this.policy.handleable(user, locked, id);
      const from = order.status;
      const to = nextStatus(order, spec.command);
      const now = new Date();
      order.status = to;
      spec.apply?.(order, now);
      await this.orders.save(em, order);
      await this.orders.appendHistory(em, {
        orderId: order.id,
        action: spec.command,
        fromStatus: from,
        toStatus: to,
        actorSub: user.sub,
        actorName: user.name ?? null,
        note: spec.note,
        details: spec.details ?? {},
        at: now,
      });
      const event = spec.event?.(order, now);
      if (event?.topic === TOPICS.BAD_REVIEW_RECTIFIED) {
        await this.outbox.add(em, event.topic, order.caseNo, event.payload);
      } else if (event?.topic === TOPICS.BAD_REVIEW_CLOSED) {
        await this.outbox.add(em, event.topic, order.caseNo, event.payload);
      }
      return WorkOrderDetailView.ofDetail(order, await this.orders.historyOf(order.id, em));
    });
    this.relay.poke();
    return view;
  }
}
