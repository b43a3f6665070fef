export * from './pagination.dto';
export * from './intake.dto';
export * from './certificate.dto';
export * from './approval.dto';
export * from './evaluation.dto';
