export * from './topics';
export * from './common';
export * from './events';
export * from './case-life.events';
export * from './approval-procedures.events';
export * from './registry';
export * from './cloudevents';
