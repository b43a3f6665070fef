import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { SupervisionConfig } from './config/supervision.config';

bootstrapService(AppModule, SupervisionConfig, {
  service: 'supervision',
  title: 'Supervision service (电子监察)',
  description:
    'The read side of supervision: clocks and their red/yellow/green lights, 督办 items, flagged patterns and the reform statistics. Internal: reached through the gateway.',
  kafkaConsumer: true,
}).catch(exitOnBootError);
