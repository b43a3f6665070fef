export * from './wait-for';
export * from './event-collector';
export * from './test-env';
export * from './boot';
export * from './produce';
export * from './service-env';
export * from './service-under-test';
export * from './work-calendar.fixture';
