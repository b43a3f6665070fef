export * from './database.module';
export * from './paginate';
