export * from './id-card';
export * from './uscc';
export * from './licence-id';
export * from './hash';
