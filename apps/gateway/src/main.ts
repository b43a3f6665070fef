import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { configureGateway } from './configure';

bootstrapService(AppModule, GatewayConfig, {
  service: 'gateway',
  title: '一网通办 Public API',
  description:
    'The only public entry of the one-stop government service platform: 事项, 申请/受理, 审批, 电子证照, 好差评. ' +
    'Every endpoint states the roles that may call it; send `Authorization: Bearer <JWT>`. Errors are `{code, message, details, correlationId}`.',
  kafkaConsumer: false,
  configure: configureGateway,
}).catch(exitOnBootError);
