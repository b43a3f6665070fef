export * from './text';
export * from './decorators';
export * from './metadata-cache';
