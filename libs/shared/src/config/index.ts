export * from './base.config';
export * from './service.config';
export * from './load-config';
export * from './config.module';
