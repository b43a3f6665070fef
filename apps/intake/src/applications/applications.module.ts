import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { CatalogModule } from '../catalog/catalog.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { CaseEventsConsumer } from './case-events.consumer';

@Module({
  imports: [CatalogModule],
  controllers: [ApplicationsController, CaseEventsConsumer],
  providers: [ApplicationsService, workCalendarProvider()],
})
export class ApplicationsModule {}
