import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { InboundEvent } from '@app/shared/kafka';
import { mergeFacts } from '../../mapping/case-facts';
import { ExchangeTopic } from '../../mapping/exchange-codes';
import { planRecords } from '../../mapping/plan-records';
import { ExchangeRecordRepository } from '../../repositories/exchange-record.repository';
import { ExchangeSettings } from '../../exchange-settings';
import { exchangeRecordsCreated } from '../../exchange.metrics';

/**
 * One consumed event → the records it yields for the province, and what it teaches about its case, in the
 * caller's (inbox) transaction. The case row is locked first, so two events of one case merge in turn.
 */
@Injectable()
export class RecordExchangeEventUseCase {
  constructor(
    private readonly records: ExchangeRecordRepository,
    private readonly settings: ExchangeSettings,
  ) {}

  /** Returns how many records were queued. */
  async execute(em: EntityManager, e: InboundEvent): Promise<number> {
    const caseNo = (e.payload as { caseNo: string }).caseNo;
    const facts = await this.records.lockCase(em, caseNo);
    const plan = planRecords(e.topic as ExchangeTopic, e.id, e.payload, facts);
    await this.records.saveFacts(em, caseNo, mergeFacts(facts, plan.facts));
    let drafts = plan.drafts;
    if (drafts.some((d) => d.kind === 'up_pro_material')) {
      // A material already sent for the case (a 补正 recorded before 受理 carried the materials) is not
      // sent twice.
      const sent = await this.records.materialCodes(em, caseNo);
      drafts = drafts.filter((d) => d.kind !== 'up_pro_material' || !sent.has(String(d.source.code)));
    }
    const added = await this.records.insertDrafts(
      em,
      caseNo,
      { id: e.id, topic: e.topic },
      drafts,
      this.settings.config.EXCHANGE_SETTLE_MS,
    );
    if (added > 0) for (const d of drafts) exchangeRecordsCreated.inc({ kind: d.kind });
    return added;
  }
}
