export * from './bootstrap';
export * from './platform.module';
export * from './work-calendar.provider';
export * from './route-metadata';
