export * from './time-unit';
export * from './work-calendar';
export * from './calendar-spec';
export * from './provisional-schedule';
