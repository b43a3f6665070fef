export * from './database.module';
export * from './paginate';
export * from './messaging.migration';
export * from './exclusive';
export * from './tracked-entity';
export * from './merged-transaction';
export * from './prepared-statements';
export * from './pg-socket';
