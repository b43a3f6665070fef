import 'reflect-metadata';
import { bootstrapService, exitOnBootError } from '@app/shared/platform';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { GATEWAY_BOOTSTRAP } from './gateway.bootstrap';

bootstrapService(AppModule, GatewayConfig, GATEWAY_BOOTSTRAP).catch(exitOnBootError);
