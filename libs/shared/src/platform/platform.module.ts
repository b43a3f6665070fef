import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { BaseConfig } from '../config/base.config';
import { AppConfigModule } from '../config/config.module';
import { HttpErrorFilter } from '../http/http-exception.filter';
import { HealthModule } from '../health/health.module';
import { LoggingModule } from '../logging/logging.module';
import { createValidationPipe } from '../http/validation';
import { GracefulShutdown } from './graceful-shutdown';
import { MetricsController } from './metrics.controller';

/** What every app has: validated config, JSON logging, health, JWT auth on every route, one error filter, one pipe. */
@Module({})
export class PlatformModule {
  static forRoot<T extends BaseConfig>(opts: {
    service: string;
    config: new () => T;
    configBindings?: Array<abstract new () => unknown>;
  }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(opts.config, opts.configBindings),
        LoggingModule.forRoot(opts.service),
        HealthModule,
        AuthModule,
      ],
      controllers: [MetricsController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        GracefulShutdown,
      ],
    };
  }
}
