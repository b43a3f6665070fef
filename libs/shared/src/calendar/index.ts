export * from './time-unit';
export * from './work-calendar';
