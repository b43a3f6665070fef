// Import from the concern you need (`@app/shared/kafka`, `@app/shared/auth`, ...); this barrel is for convenience.
export * from './config';
export * from './errors';
export * from './logging';
export * from './auth';
export * from './health';
export * from './contracts';
export * from './kafka';
export * from './database';
export * from './http';
