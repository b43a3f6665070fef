import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import {
  ApplicationAcceptedV1,
  ApplicationNotAcceptedV1,
  ApplicationSubmittedV1,
  ApprovalCaseApprovedV1,
  ApprovalCaseDeniedV1,
  ApprovalCaseOpenedV1,
  ApprovalStepCompletedV1,
  BadReviewOpenedV1,
  CaseCompletedV1,
  LicenceIssuedV1,
  ReviewSubmittedV1,
} from './events';
import {
  ApplicationRefusalProposedV1,
  ApplicationSupplementedV1,
  ApplicationSupplementRequestedV1,
  ApplicationWithdrawnV1,
} from './case-life.events';
import {
  ApprovalCaseResumedV1,
  ApprovalCaseSuspendedV1,
  ApprovalStepReturnedV1,
} from './approval-procedures.events';
import {
  ApplicationOwedMaterialsOverdueV1,
  ApplicationOwedMaterialsOverdueV2,
  ApplicationOwedMaterialsSuppliedV1,
  CasePostCheckDueV1,
  CasePostCheckFailedV1,
  CasePostCheckPassedV1,
} from './commitment-and-deferral.events';
import {
  ApplicationRefusalConfirmationOverdueV1,
  CaseClockResumedV1,
  CaseClockSuspendedV1,
  CaseFeedbackAnsweredV1,
  CaseFeedbackRaisedV1,
  CaseReceiptOverdueV1,
} from './case-watch.events';
import { BadReviewClosedV1, BadReviewRectifiedV1 } from './bad-review.events';
import { SupervisionEscalationOpenedV1, SupervisionLightChangedV1 } from './supervision.events';
import {
  BundleCompletedV1,
  BundleFailedV1,
  BundleMemberStartedV1,
  BundlePartiallyCompletedV1,
  BundleSubmittedV1,
  BundleWithdrawnV1,
} from './bundles.events';
import { GatewayWebhookDeliveryFailedV1 } from './gateway.events';
import { Topic, TOPICS } from './topics';
import { cacheValidationMetadata } from '../validation/metadata-cache';
import {
  compiledValidationShadowCheck,
  compiledValidInstance,
  recordIfDivergent,
} from '../validation/compiled-validation';

/** The typed contract of every topic: producers and consumers validate against the same class. */
export const CONTRACTS = {
  [TOPICS.APPLICATION_SUBMITTED]: ApplicationSubmittedV1,
  [TOPICS.APPLICATION_ACCEPTED]: ApplicationAcceptedV1,
  [TOPICS.APPLICATION_NOT_ACCEPTED]: ApplicationNotAcceptedV1,
  [TOPICS.CASE_COMPLETED]: CaseCompletedV1,
  [TOPICS.APPLICATION_SUPPLEMENT_REQUESTED]: ApplicationSupplementRequestedV1,
  [TOPICS.APPLICATION_SUPPLEMENTED]: ApplicationSupplementedV1,
  [TOPICS.APPLICATION_WITHDRAWN]: ApplicationWithdrawnV1,
  [TOPICS.APPLICATION_REFUSAL_PROPOSED]: ApplicationRefusalProposedV1,
  [TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED]: ApplicationOwedMaterialsSuppliedV1,
  [TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE_V1]: ApplicationOwedMaterialsOverdueV1,
  [TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE]: ApplicationOwedMaterialsOverdueV2,
  [TOPICS.CASE_POST_CHECK_DUE]: CasePostCheckDueV1,
  [TOPICS.CASE_POST_CHECK_FAILED]: CasePostCheckFailedV1,
  [TOPICS.CASE_POST_CHECK_PASSED]: CasePostCheckPassedV1,
  [TOPICS.APPLICATION_REFUSAL_CONFIRMATION_OVERDUE]: ApplicationRefusalConfirmationOverdueV1,
  [TOPICS.CASE_RECEIPT_OVERDUE]: CaseReceiptOverdueV1,
  [TOPICS.CASE_CLOCK_SUSPENDED]: CaseClockSuspendedV1,
  [TOPICS.CASE_CLOCK_RESUMED]: CaseClockResumedV1,
  [TOPICS.CASE_FEEDBACK_RAISED]: CaseFeedbackRaisedV1,
  [TOPICS.CASE_FEEDBACK_ANSWERED]: CaseFeedbackAnsweredV1,
  [TOPICS.BUNDLE_SUBMITTED]: BundleSubmittedV1,
  [TOPICS.BUNDLE_MEMBER_STARTED]: BundleMemberStartedV1,
  [TOPICS.BUNDLE_COMPLETED]: BundleCompletedV1,
  [TOPICS.BUNDLE_PARTIALLY_COMPLETED]: BundlePartiallyCompletedV1,
  [TOPICS.BUNDLE_FAILED]: BundleFailedV1,
  [TOPICS.BUNDLE_WITHDRAWN]: BundleWithdrawnV1,
  [TOPICS.APPROVAL_CASE_OPENED]: ApprovalCaseOpenedV1,
  [TOPICS.APPROVAL_STEP_COMPLETED]: ApprovalStepCompletedV1,
  [TOPICS.APPROVAL_CASE_APPROVED]: ApprovalCaseApprovedV1,
  [TOPICS.APPROVAL_CASE_DENIED]: ApprovalCaseDeniedV1,
  [TOPICS.APPROVAL_STEP_RETURNED]: ApprovalStepReturnedV1,
  [TOPICS.APPROVAL_CASE_SUSPENDED]: ApprovalCaseSuspendedV1,
  [TOPICS.APPROVAL_CASE_RESUMED]: ApprovalCaseResumedV1,
  [TOPICS.LICENCE_ISSUED]: LicenceIssuedV1,
  [TOPICS.REVIEW_SUBMITTED]: ReviewSubmittedV1,
  [TOPICS.BAD_REVIEW_OPENED]: BadReviewOpenedV1,
  [TOPICS.BAD_REVIEW_RECTIFIED]: BadReviewRectifiedV1,
  [TOPICS.BAD_REVIEW_CLOSED]: BadReviewClosedV1,
  [TOPICS.SUPERVISION_LIGHT_CHANGED]: SupervisionLightChangedV1,
  [TOPICS.SUPERVISION_ESCALATION_OPENED]: SupervisionEscalationOpenedV1,
  [TOPICS.GATEWAY_WEBHOOK_DELIVERY_FAILED]: GatewayWebhookDeliveryFailedV1,
} as const satisfies Record<Topic, new () => object>;

export type TopicPayloads = { [T in Topic]: InstanceType<(typeof CONTRACTS)[T]> };

export class ContractViolationError extends Error {
  constructor(
    readonly topic: string,
    readonly problems: string[],
  ) {
    super(`payload violates contract of ${topic}: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

export function isKnownTopic(topic: string): topic is Topic {
  return Object.prototype.hasOwnProperty.call(CONTRACTS, topic);
}

// Every event is validated on both sides: the rules of a class are looked up once (validation/metadata-cache).
cacheValidationMetadata();

/**
 * Validates a plain payload against its topic's contract; returns the typed instance or throws.
 * - `producer` (the outbox): a field the contract does not declare is a violation, so nothing unintended
 *   (a personal ID in a new field, say) is ever published;
 * - `consumer`: undeclared fields are dropped, not refused, so a producer may add fields within a major
 *   version (docs/architecture.md) without breaking consumers that do not know them yet.
 */
export function validateContract<T extends Topic>(
  topic: T,
  payload: unknown,
  side: 'producer' | 'consumer' = 'consumer',
): TopicPayloads[T] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ContractViolationError(topic, ['payload must be a JSON object']);
  }
  const cls = CONTRACTS[topic] as new () => TopicPayloads[T];
  // The compiled plan answers valid payloads; class-transformer + class-validator decide (and word) the rest.
  const fast = compiledValidInstance(cls, payload);
  const shadow = compiledValidationShadowCheck();
  if (fast && !shadow) return fast;
  const instance = plainToInstance(cls, payload);
  const errors = validateSync(instance as object, {
    forbidUnknownValues: false,
    whitelist: true,
    forbidNonWhitelisted: side === 'producer',
  });
  if (fast) recordIfDivergent(`${topic} (${side})`, fast, instance, errors.length);
  if (errors.length > 0) throw new ContractViolationError(topic, flatten(errors));
  return instance;
}
