import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import {
  ExchangeRecordView,
  ExchangeReplayView,
  ListExchangeRecordsQueryDto,
} from '../../dto/exchange-records.dto';
import { ExchangeDispatcher } from '../../exchange-dispatcher';
import { replayExchangeRecords } from '../../exchange-operations';
import { ExchangeRecordRepository } from '../../repositories/exchange-record.repository';

/** The admin view of the exchange's delivery state, and replays (platform admins only). */
@Injectable()
export class ExchangeRecordsUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: ExchangeRecordRepository,
    private readonly dispatcher: ExchangeDispatcher,
  ) {}

  async list(user: Principal, q: ListExchangeRecordsQueryDto): Promise<Page<ExchangeRecordView>> {
    this.allow(user);
    const page = await this.records.page(q);
    return { ...page, items: page.items.map((r) => ExchangeRecordView.of(r)) };
  }

  async get(user: Principal, id: string): Promise<ExchangeRecordView> {
    this.allow(user);
    const r = await this.records.find(id);
    if (!r) throw new DomainError('NOT_FOUND', undefined, { exchangeRecord: id });
    return ExchangeRecordView.of(r);
  }

  /** A dead or delivered record is queued again (same row_guid, fresh attempts); 409 while pending. */
  async replayOne(user: Principal, id: string): Promise<ExchangeReplayView> {
    this.allow(user);
    const r = await this.records.find(id);
    if (!r) throw new DomainError('NOT_FOUND', undefined, { exchangeRecord: id });
    const replayed = await replayExchangeRecords(this.db, { id });
    if (replayed === 0) {
      throw new DomainError(
        'INVALID_STATE',
        '仅已送达或死信的记录可以重放 / Only delivered or dead records can be replayed',
        {
          state: r.state,
        },
      );
    }
    this.dispatcher.poke();
    return { replayed };
  }

  async replayDead(user: Principal, caseNo?: string): Promise<ExchangeReplayView> {
    this.allow(user);
    const replayed = await replayExchangeRecords(this.db, { allDead: true, caseNo });
    if (replayed > 0) this.dispatcher.poke();
    return { replayed };
  }

  private allow(user: Principal): void {
    if (!user.roles.includes(ROLES.ADMIN)) throw new DomainError('FORBIDDEN');
  }
}
