export * from './correlation';
export * from './redact';
export * from './logging.module';
export * from './pino-options';
