import { DLQ_SUFFIX, Topic, TOPICS } from '@app/shared/contracts';

/**
 * The topics partners may subscribe to: every published domain topic. Not the gateway's own ops notices,
 * never a `.dlq`. New domain topics join automatically (the consumer subscribes to this same list).
 */
export const WEBHOOK_TOPICS: readonly Topic[] = Object.values(TOPICS).filter(
  (t) => !t.startsWith('gateway.') && !t.endsWith(DLQ_SUFFIX),
);

export const isWebhookTopic = (t: string): t is Topic => (WEBHOOK_TOPICS as readonly string[]).includes(t);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The department and item codes an event is about, for subscription filters: `deptCode`/`itemCode` at the
 * top (case events), the licence's issuer (`issuerCode`), and every member of a bundle (`members[]`).
 */
export function codesOf(payload: object): { depts: Set<string>; items: Set<string> } {
  const p = payload as Record<string, unknown>;
  const depts = new Set<string>();
  const items = new Set<string>();
  const take = (o: Record<string, unknown>) => {
    const d = str(o.deptCode) ?? str(o.issuerCode);
    const i = str(o.itemCode);
    if (d) depts.add(d);
    if (i) items.add(i);
  };
  take(p);
  if (Array.isArray(p.members)) {
    for (const m of p.members as unknown[]) {
      if (m && typeof m === 'object') take(m as Record<string, unknown>);
    }
  }
  return { depts, items };
}

/** An event matches a filter list when the list is empty or names one of the event's codes. */
export function matchesFilters(
  codes: { depts: Set<string>; items: Set<string> },
  filter: { deptCodes: string[]; itemCodes: string[] },
): boolean {
  const ok = (list: string[], have: Set<string>) => list.length === 0 || list.some((c) => have.has(c));
  return ok(filter.deptCodes, codes.depts) && ok(filter.itemCodes, codes.items);
}
