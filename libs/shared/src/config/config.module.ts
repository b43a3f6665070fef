import { DynamicModule, Global, Module } from '@nestjs/common';
import { BaseConfig } from './base.config';
import { loadConfig } from './load-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Validates the app's schema at import time (fail fast at boot) and provides the instance under its own
 * class, under BaseConfig (for shared modules) and under APP_CONFIG.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot<T extends BaseConfig>(schema: new () => T, extraBindings: Array<abstract new () => unknown> = []): DynamicModule {
    const config = loadConfig(schema);
    const bindings = [schema, BaseConfig, ...extraBindings].map((token) => ({ provide: token, useValue: config }));
    return {
      module: AppConfigModule,
      providers: [...bindings, { provide: APP_CONFIG, useValue: config }],
      exports: [...bindings.map((b) => b.provide), APP_CONFIG],
    };
  }
}
