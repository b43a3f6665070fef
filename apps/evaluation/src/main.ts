import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { EvaluationConfig } from './config/evaluation.config';

bootstrapService(AppModule, EvaluationConfig, {
  service: 'evaluation',
  title: 'Evaluation service (好差评)',
  description:
    'Ratings of completed cases and bad-review rectification work orders. Internal: reached through the gateway.',
  kafkaConsumer: true,
}).catch(exitOnBootError);
