import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { IntakeConfig } from './config/intake.config';

bootstrapService(AppModule, IntakeConfig, {
  service: 'intake',
  title: 'Intake service (受理)',
  description: '事项目录, 申请, 受理/不予受理, 办件进度. Internal: reached through the gateway.',
  kafkaConsumer: true,
}).catch(exitOnBootError);
