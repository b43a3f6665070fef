import { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Accept raw PDF bodies (≤ 10 MiB) for file verification. */
export function configureCertificate(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
}
