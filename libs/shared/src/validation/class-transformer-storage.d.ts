/** class-transformer's metadata store (`class-transformer/cjs/storage`; typed in its types/ folder only). */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}

/** The options every class-transformer call starts from. */
declare module 'class-transformer/cjs/constants/default-options.constant' {
  export { defaultOptions } from 'class-transformer/types/constants/default-options.constant';
}
