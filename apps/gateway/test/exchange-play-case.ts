import { caseLife } from './exchange-fixtures';
import { CaseFacts, mergeFacts, RecordDraft } from '../src/exchange/mapping/case-facts';
import { ExchangeTopic } from '../src/exchange/mapping/exchange-codes';
import { HcpConstants } from '../src/exchange/mapping/hcp-constants';
import { planRecords } from '../src/exchange/mapping/plan-records';
import { renderRecord } from '../src/exchange/mapping/render-record';

/**
 * One fixture case played through the mapping without Kafka or a database (the mapping unit specs): its
 * drafts in send order and a renderer with fixed context (cd_batch b1, cd_time 2026-11-26 10:00:00).
 */
export function playCase(opts: { special?: { type: string; typeName: string }; hcp?: HcpConstants } = {}) {
  const caseNo = '33010620261126000123';
  const life = caseLife(caseNo, '11330106ABCDEF1234', Date.parse('2026-11-26T01:00:00Z'), {
    filed: true,
    special: opts.special,
  });
  let facts: CaseFacts = {};
  const drafts: RecordDraft[] = [];
  for (const e of life.events) {
    const plan = planRecords(e.topic as ExchangeTopic, `evt-${drafts.length}`, e.payload, facts);
    expect(plan.caseNo).toBe(caseNo);
    drafts.push(...plan.drafts);
    facts = mergeFacts(facts, plan.facts);
  }
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => Date.parse(a.d.orderAt) - Date.parse(b.d.orderAt) || a.i - b.i)
    .map((x) => x.d);
  const render = (d: RecordDraft, serviceNumber: string | null = null) =>
    renderRecord(d.kind, caseNo, d.source, facts, {
      rowGuid: d.rowGuid,
      batch: 'b1',
      operation: d.operation,
      createdAt: new Date('2026-11-26T02:00:00Z'),
      dataSource: '123',
      serviceNumber,
      hcp: opts.hcp,
    });
  return { caseNo, life, facts, ordered, render };
}
