import { Topic, TOPICS } from '../topics';

/**
 * The platform's own consumer groups of each topic (the service names). The AsyncAPI spec test checks this
 * table against the `@EventPattern(TOPICS.…)` handlers in apps/*\/src, so it cannot drift from the code.
 * Topics without an internal consumer are published for partner departments.
 */
const DOMAIN_CONSUMERS: Readonly<Partial<Record<Topic, readonly string[]>>> = {
  [TOPICS.APPLICATION_SUBMITTED]: ['supervision'],
  [TOPICS.APPLICATION_ACCEPTED]: ['approval', 'supervision'],
  [TOPICS.APPLICATION_NOT_ACCEPTED]: ['supervision'],
  [TOPICS.CASE_COMPLETED]: ['evaluation', 'intake', 'supervision'],
  [TOPICS.APPLICATION_SUPPLEMENT_REQUESTED]: ['supervision'],
  [TOPICS.APPLICATION_SUPPLEMENTED]: ['supervision'],
  [TOPICS.APPLICATION_WITHDRAWN]: ['approval', 'supervision'],
  [TOPICS.APPLICATION_REFUSAL_PROPOSED]: ['supervision'],
  [TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED]: ['approval', 'supervision'],
  [TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE]: ['approval', 'supervision'],
  [TOPICS.CASE_POST_CHECK_DUE]: ['supervision'],
  [TOPICS.CASE_POST_CHECK_FAILED]: ['certificate', 'supervision'],
  [TOPICS.BUNDLE_SUBMITTED]: ['supervision'],
  [TOPICS.BUNDLE_COMPLETED]: ['supervision'],
  [TOPICS.BUNDLE_PARTIALLY_COMPLETED]: ['supervision'],
  [TOPICS.BUNDLE_FAILED]: ['supervision'],
  [TOPICS.BUNDLE_WITHDRAWN]: ['supervision'],
  [TOPICS.APPROVAL_CASE_OPENED]: ['intake', 'supervision'],
  [TOPICS.APPROVAL_STEP_COMPLETED]: ['intake', 'supervision'],
  [TOPICS.APPROVAL_CASE_APPROVED]: ['certificate', 'intake', 'supervision'],
  [TOPICS.APPROVAL_CASE_DENIED]: ['intake', 'supervision'],
  [TOPICS.APPROVAL_STEP_RETURNED]: ['supervision'],
  [TOPICS.APPROVAL_CASE_SUSPENDED]: ['intake', 'supervision'],
  [TOPICS.APPROVAL_CASE_RESUMED]: ['intake', 'supervision'],
  [TOPICS.LICENCE_ISSUED]: ['intake', 'supervision'],
  [TOPICS.REVIEW_SUBMITTED]: ['supervision'],
  [TOPICS.BAD_REVIEW_OPENED]: ['supervision'],
  [TOPICS.BAD_REVIEW_RECTIFIED]: ['supervision'],
  [TOPICS.BAD_REVIEW_CLOSED]: ['supervision'],
};

/**
 * The gateway consumes every published domain topic (partner webhooks: `@EventPattern([...WEBHOOK_TOPICS])`
 * in apps/gateway), never its own `gateway.*` notices.
 */
export const TOPIC_CONSUMERS: Readonly<Partial<Record<Topic, readonly string[]>>> = withGateway();

function withGateway(): Partial<Record<Topic, readonly string[]>> {
  const table: Partial<Record<Topic, readonly string[]>> = {};
  for (const t of Object.values(TOPICS) as Topic[]) {
    const own = DOMAIN_CONSUMERS[t] ?? [];
    const consumers = t.startsWith('gateway.') ? [...own] : [...own, 'gateway'].sort();
    if (consumers.length > 0) table[t] = consumers;
  }
  return table;
}
