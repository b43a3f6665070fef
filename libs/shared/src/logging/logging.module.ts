import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { BaseConfig } from '../config/base.config';
import { pinoHttpOptions } from './pino-options';

/**
 * JSON logs (pino) with the correlation id on every line, from HTTP and from Kafka handlers alike,
 * and personal data redacted by key and by pattern when a line is written (`pino-options.ts`).
 */
@Module({})
export class LoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [BaseConfig],
          useFactory: (cfg: BaseConfig) => ({ pinoHttp: pinoHttpOptions(service, cfg) }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
