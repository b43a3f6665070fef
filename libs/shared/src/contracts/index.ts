export * from './topics';
export * from './common';
export * from './events';
export * from './registry';
export * from './cloudevents';
