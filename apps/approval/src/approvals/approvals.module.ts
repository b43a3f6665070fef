import { Module } from '@nestjs/common';
import { AcceptedConsumer } from './accepted.consumer';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Module({ controllers: [ApprovalsController, AcceptedConsumer], providers: [ApprovalsService] })
export class ApprovalsModule {}
