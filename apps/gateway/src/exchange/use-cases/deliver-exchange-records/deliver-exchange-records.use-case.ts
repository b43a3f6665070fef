import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Envelope, sealEnvelope } from '../../envelope/sm2-envelope';
import { exchangeAttemptDuration, exchangeAttempts } from '../../exchange.metrics';
import { nextExchangeAttempt, ExchangeSettings } from '../../exchange-settings';
import { isCaseTable } from '../../mapping/exchange-codes';
import { renderRecord } from '../../mapping/render-record';
import { ProvinceReply, pushEnvelope } from '../../provincial-client';
import { ClaimedRecord, ExchangeRecordRepository } from '../../repositories/exchange-record.repository';

/** Records one worker sends per round at most (a backlog drains over several ticks, others get a turn). */
const MAX_PER_WORKER = 50;

/**
 * One dispatcher round: EXCHANGE_DISPATCH_CONCURRENCY workers each, in turn, claim the next sendable
 * record in a transaction (FOR UPDATE SKIP LOCKED: the head of its case, due), render it, seal it in the
 * SM2 envelope, POST it, and record the answer in that same transaction — delivered (with the answer and,
 * for a service record, the case's serviceNumber), retried later with jittered backoff, or dead after
 * EXCHANGE_MAX_ATTEMPTS. A crash before the commit releases the lock: the record is sent again (same
 * row_guid), never marked delivered without the answer that proves it.
 */
@Injectable()
export class DeliverExchangeRecordsUseCase {
  private readonly logger = new Logger(DeliverExchangeRecordsUseCase.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: ExchangeRecordRepository,
    private readonly settings: ExchangeSettings,
  ) {}

  /** Returns how many records were attempted. */
  async execute(): Promise<number> {
    const workers = Array.from({ length: this.settings.config.EXCHANGE_DISPATCH_CONCURRENCY }, () =>
      this.work(),
    );
    return (await Promise.all(workers)).reduce((a, b) => a + b, 0);
  }

  private async work(): Promise<number> {
    let n = 0;
    while (n < MAX_PER_WORKER && (await this.sendOne())) n++;
    return n;
  }

  /** Claims, sends and records one record; false when nothing is sendable now. */
  private sendOne(): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const r = await this.records.claimNext(em);
      if (!r) return false;
      const { body, outcome } = await this.attempt(r);
      const nextAttemptAt = outcome.error
        ? nextExchangeAttempt(r.attempts + 1, this.settings.retry)
        : undefined;
      const state = await this.records.recordAttempt(em, r.id, { ...outcome, sentBody: body, nextAttemptAt });
      if (state === 'DELIVERED' && r.kind === 'projectService') {
        const a = outcome.answer ?? {};
        await this.records.setServiceNumber(
          em,
          r.caseNo,
          String(a.serviceNumber),
          typeof a.serviceCode === 'string' ? a.serviceCode : null,
        );
      }
      exchangeAttempts.inc({
        kind: r.kind,
        outcome: state === 'DELIVERED' ? 'delivered' : state === 'DEAD' ? 'dead' : 'failed',
      });
      if (state === 'DEAD') {
        this.logger.warn(
          { recordId: r.id, caseNo: r.caseNo, kind: r.kind, error: outcome.error },
          'exchange record dead-lettered',
        );
      }
      return true;
    });
  }

  private async attempt(
    r: ClaimedRecord,
  ): Promise<{ body: Record<string, unknown>; outcome: ProvinceReply }> {
    let body: Record<string, unknown> = {};
    let envelope: Envelope;
    try {
      body = renderRecord(r.kind, r.caseNo, r.source, r.facts, {
        rowGuid: r.rowGuid,
        batch: r.id.replace(/-/g, ''),
        operation: r.cdOperation,
        createdAt: r.createdAt,
        dataSource: this.settings.config.EXCHANGE_DATA_SOURCE,
        serviceNumber: r.serviceNumber,
        hcp: this.settings.hcp,
      });
      if (!this.settings.keys) throw new Error('exchange keys are not configured');
      envelope = sealEnvelope(r.kind, body, this.settings.keys);
    } catch (e) {
      // Counted as a failed attempt: a record that cannot be built ends dead instead of blocking its case.
      const error = `not sent: ${e instanceof Error ? e.message : String(e)}`;
      return { body, outcome: { status: null, error, answer: null } };
    }
    const stop = exchangeAttemptDuration.startTimer();
    const reply = await pushEnvelope(
      this.settings.urlOf(r.kind, isCaseTable(r.kind)),
      envelope,
      this.settings.config.EXCHANGE_TIMEOUT_MS,
    );
    stop();
    if (!reply.error && r.kind === 'projectService') {
      const sn = reply.answer?.serviceNumber;
      if (typeof sn !== 'string' && typeof sn !== 'number') {
        return { body, outcome: { ...reply, error: 'service record answered without a serviceNumber' } };
      }
      if (String(sn).length > 100) {
        return { body, outcome: { ...reply, error: 'serviceNumber longer than 100' } };
      }
    }
    return { body, outcome: reply };
  }
}
