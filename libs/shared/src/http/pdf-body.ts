import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { fastifyError } from './json-body';

/**
 * Accepts `application/pdf` bodies up to `limitBytes`, but only on the listed routes: everywhere else the
 * content type is refused (415) before a byte is buffered, so the large limit of file verification is not
 * a way to make any endpoint hold 10 MiB per request.
 */
export function registerPdfBodyParser(
  app: NestFastifyApplication,
  opts: { routes: string[]; limitBytes: number },
): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/pdf', (req, payload, done) => {
      if (!opts.routes.includes(req.routeOptions.url ?? '')) {
        done(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'PDF bodies only for file verification'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let finished = false;
      const finish = (err: Error | null, body?: Buffer) => {
        if (finished) return;
        finished = true;
        done(err, body);
      };
      payload.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.limitBytes) {
          payload.removeAllListeners('data');
          payload.resume(); // drain without keeping it
          finish(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413, 'PDF larger than the limit'));
          return;
        }
        chunks.push(chunk);
      });
      payload.on('end', () => finish(null, Buffer.concat(chunks)));
      payload.on('error', (e) => finish(e));
    });
}
