export * from './validation';
export * from './platform.module';
export * from './bootstrap';
export * from './pdf-body';
export * from './idempotency';
