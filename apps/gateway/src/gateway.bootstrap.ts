import type { BootstrapOptions } from '@app/shared/platform';
import { configureGateway } from './configure';
import { PUBLIC_API_INFO } from './docs/public-docs.service';

/** How the gateway boots (main.ts and the tests alike). */
export const GATEWAY_BOOTSTRAP: BootstrapOptions = {
  service: 'gateway',
  title: PUBLIC_API_INFO.title,
  description: PUBLIC_API_INFO.description,
  kafkaConsumer: true,
  ownOpenApi: false,
  configure: configureGateway,
};
