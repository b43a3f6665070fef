export * from './wait-for';
export * from './event-collector';
export * from './test-env';
export * from './boot';
