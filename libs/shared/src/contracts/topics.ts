/**
 * Every Kafka topic of the platform, named `<owner>.<aggregate>.<event>.v<major>` (docs/architecture.md, events).
 * Each topic has a dead-letter twin `<topic>.dlq`. Partition counts are explicit: they bound how far a
 * consumer group can scale and are part of the deployment contract.
 */
export const TOPICS = {
  APPLICATION_SUBMITTED: 'intake.application.submitted.v1',
  APPLICATION_ACCEPTED: 'intake.application.accepted.v1',
  APPLICATION_NOT_ACCEPTED: 'intake.application.not-accepted.v1',
  CASE_COMPLETED: 'intake.case.completed.v1',
  APPLICATION_SUPPLEMENT_REQUESTED: 'intake.application.supplement-requested.v1',
  APPLICATION_SUPPLEMENTED: 'intake.application.supplemented.v1',
  APPLICATION_WITHDRAWN: 'intake.application.withdrawn.v1',
  APPLICATION_REFUSAL_PROPOSED: 'intake.application.refusal-proposed.v1',
  APPLICATION_OWED_MATERIALS_SUPPLIED: 'intake.application.owed-materials-supplied.v1',
  /** v1 is no longer produced (v2 added a doneResult code); kept for its consumers. */
  APPLICATION_OWED_MATERIALS_OVERDUE_V1: 'intake.application.owed-materials-overdue.v1',
  APPLICATION_OWED_MATERIALS_OVERDUE: 'intake.application.owed-materials-overdue.v2',
  CASE_POST_CHECK_DUE: 'intake.case.post-check-due.v1',
  CASE_POST_CHECK_FAILED: 'intake.case.post-check-failed.v1',
  CASE_POST_CHECK_PASSED: 'intake.case.post-check-passed.v1',
  APPLICATION_REFUSAL_CONFIRMATION_OVERDUE: 'intake.application.refusal-confirmation-overdue.v1',
  CASE_RECEIPT_OVERDUE: 'intake.case.receipt-overdue.v1',
  CASE_CLOCK_SUSPENDED: 'intake.case.clock-suspended.v1',
  CASE_CLOCK_RESUMED: 'intake.case.clock-resumed.v1',
  CASE_FEEDBACK_RAISED: 'intake.case.feedback-raised.v1',
  CASE_FEEDBACK_ANSWERED: 'intake.case.feedback-answered.v1',
  BUNDLE_SUBMITTED: 'intake.bundle.submitted.v1',
  BUNDLE_MEMBER_STARTED: 'intake.bundle.member-started.v1',
  BUNDLE_COMPLETED: 'intake.bundle.completed.v1',
  BUNDLE_PARTIALLY_COMPLETED: 'intake.bundle.partially-completed.v1',
  BUNDLE_FAILED: 'intake.bundle.failed.v1',
  BUNDLE_WITHDRAWN: 'intake.bundle.withdrawn.v1',
  APPROVAL_CASE_OPENED: 'approval.case.opened.v1',
  APPROVAL_STEP_COMPLETED: 'approval.case.step-completed.v1',
  APPROVAL_CASE_APPROVED: 'approval.case.approved.v1',
  APPROVAL_CASE_DENIED: 'approval.case.denied.v1',
  APPROVAL_STEP_RETURNED: 'approval.case.step-returned.v1',
  APPROVAL_CASE_SUSPENDED: 'approval.case.suspended.v1',
  APPROVAL_CASE_RESUMED: 'approval.case.resumed.v1',
  LICENCE_ISSUED: 'certificate.licence.issued.v1',
  REVIEW_SUBMITTED: 'evaluation.review.submitted.v1',
  BAD_REVIEW_OPENED: 'evaluation.bad-review.opened.v1',
  BAD_REVIEW_RECTIFIED: 'evaluation.bad-review.rectified.v1',
  BAD_REVIEW_CLOSED: 'evaluation.bad-review.closed.v1',
  SUPERVISION_LIGHT_CHANGED: 'supervision.case.light-changed.v1',
  SUPERVISION_ESCALATION_OPENED: 'supervision.escalation.opened.v1',
  GATEWAY_WEBHOOK_DELIVERY_FAILED: 'gateway.webhook.delivery-failed.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const DLQ_SUFFIX = '.dlq';
export const dlqOf = (topic: string): string => `${topic}${DLQ_SUFFIX}`;

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
}

/** Partitions per topic; dead-letter topics get one partition (low volume, operator replay). */
export const TOPIC_PARTITIONS = 6;
export const DLQ_PARTITIONS = 1;

/** All topics (and their .dlq) with explicit partition counts, for the infra scripts and tests. */
export function topicSpecs(replicationFactor = 1): TopicSpec[] {
  return Object.values(TOPICS).flatMap((name) => [
    { name, partitions: TOPIC_PARTITIONS, replicationFactor },
    { name: dlqOf(name), partitions: DLQ_PARTITIONS, replicationFactor },
  ]);
}
