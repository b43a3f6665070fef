import { Principal } from '@app/shared/auth';
import { BadReviewClosure, RectificationOutcome, TOPICS } from '@app/shared/contracts';
import { BadReviewOrderEntity } from './entities/bad-review-order.entity';
import type { WorkOrderEvent } from './work-order-transitions.service';

/** The name an event gives to the person who acted (as approval's events do). */
export const actorOf = (user: Principal): string => user.name ?? user.sub;

/** evaluation.bad-review.rectified.v1: the order was rectified or explained (its 整改 clock stops). */
export function rectifiedEvent(
  o: BadReviewOrderEntity,
  outcome: RectificationOutcome,
  user: Principal,
  now: Date,
): WorkOrderEvent {
  return {
    topic: TOPICS.BAD_REVIEW_RECTIFIED,
    payload: {
      workOrderId: o.id,
      reviewId: o.reviewId,
      caseNo: o.caseNo,
      deptCode: o.deptCode,
      outcome,
      mode: o.rectifyMode,
      rectifyDueDate: o.rectifyDueDate,
      rectifiedAt: now.toISOString(),
      handledBy: actorOf(user),
    },
  };
}

/** evaluation.bad-review.closed.v1: the order ended, followed up (回访) or voided on appeal. */
export function closedEvent(
  o: BadReviewOrderEntity,
  closure: BadReviewClosure,
  user: Principal,
  now: Date,
): WorkOrderEvent {
  return {
    topic: TOPICS.BAD_REVIEW_CLOSED,
    payload: {
      workOrderId: o.id,
      reviewId: o.reviewId,
      caseNo: o.caseNo,
      deptCode: o.deptCode,
      closure,
      raterSatisfied: closure === 'FOLLOWED_UP' ? o.raterSatisfied : null,
      closedAt: now.toISOString(),
      closedBy: actorOf(user),
    },
  };
}
