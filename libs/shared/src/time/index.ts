export * from './shanghai';
export * from './periodic-task';
