export * from './principal';
export * from './bearer';
export * from './jwt-verifier';
export * from './decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './token-signer';
