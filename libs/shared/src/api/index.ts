export * from './pagination.dto';
export * from './intake.dto';
export * from './certificate.dto';
