import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { ApprovalConfig } from './config/approval.config';

bootstrapService(AppModule, ApprovalConfig, {
  service: 'approval',
  title: 'Approval service (审批)',
  description:
    'Approval cases opened from accepted applications: 承办 → 审核 → 批准, deadlines, audit trail. Internal: reached through the gateway.',
  kafkaConsumer: true,
}).catch(exitOnBootError);
