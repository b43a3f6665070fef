export * from './text';
export * from './decorators';
