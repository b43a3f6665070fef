export * from './validation';
export * from './http-exception.filter';
export * from './client-error';
export * from './json-body';
export * from './pdf-body';
export * from './idempotency';
export * from './pagination.dto';
export * from './api-docs';
