import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerPdfBodyParser } from '@app/shared/http';

/** Raw PDF bodies (≤ 10 MiB) for file verification, on that route only. */
export function configureCertificate(app: NestFastifyApplication): void {
  registerPdfBodyParser(app, { routes: ['/verify/file'], limitBytes: 10 * 1024 * 1024 });
}
