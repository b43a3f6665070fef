import { DynamicModule, Global, Module } from '@nestjs/common';
import { BaseConfig } from './base.config';
import { loadConfig } from './load-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Validates the app's schema when the app is created (fail fast at boot) and provides the one instance
 * under its own class, under BaseConfig (for shared modules), any extra base classes, and APP_CONFIG.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot<T extends BaseConfig>(
    schema: new () => T,
    extraBindings: Array<abstract new () => unknown> = [],
  ): DynamicModule {
    const aliases = [BaseConfig, ...extraBindings, APP_CONFIG].map((token) => ({
      provide: token,
      useExisting: schema,
    }));
    return {
      module: AppConfigModule,
      providers: [{ provide: schema, useFactory: () => loadConfig(schema) }, ...aliases],
      exports: [schema, ...aliases.map((a) => a.provide)],
    };
  }
}
