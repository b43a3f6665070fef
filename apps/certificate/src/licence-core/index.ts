export * from './sm2';
export * from './canonical';
export * from './signature';
export * from './qr-token';
export * from './licence-pdf';
export * from './licence-producer';
