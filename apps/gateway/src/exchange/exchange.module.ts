import { Module } from '@nestjs/common';
import { ExchangeConsumer } from './exchange.consumer';
import { ExchangeController } from './exchange.controller';
import { ExchangeDispatcher } from './exchange-dispatcher';
import { ExchangeSettings } from './exchange-settings';
import { ExchangeRecordRepository } from './repositories/exchange-record.repository';
import { DeliverExchangeRecordsUseCase } from './use-cases/deliver-exchange-records/deliver-exchange-records.use-case';
import { ExchangeRecordsUseCase } from './use-cases/exchange-records/exchange-records.use-case';
import { GetExchangePublicKeyUseCase } from './use-cases/get-exchange-public-key/get-exchange-public-key.use-case';
import { RecordExchangeEventUseCase } from './use-cases/record-exchange-event/record-exchange-event.use-case';

/**
 * The outbound exchange to the provincial integrated platform: domain events → 办件 exchange-table rows
 * (up_pro_*) and 好差评 records (projectService → serviceNumber → evaluate), pushed in SM2 envelopes, in
 * order per case, retried, dead-lettered and replayable (reference/gov-standards.md §2.4, §3.1–3.2).
 */
@Module({
  controllers: [ExchangeController, ExchangeConsumer],
  providers: [
    ExchangeSettings,
    ExchangeRecordRepository,
    RecordExchangeEventUseCase,
    DeliverExchangeRecordsUseCase,
    ExchangeRecordsUseCase,
    GetExchangePublicKeyUseCase,
    ExchangeDispatcher,
  ],
})
export class ExchangeModule {}
