export * from './asyncapi';
export * from './consumers';
export * from './json-schema';
export * from './shapes';
