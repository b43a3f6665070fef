export * from './codes';
export * from './holder-type';
