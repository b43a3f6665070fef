import { createHash } from 'node:crypto';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';

/** Sets a strong ETag (SHA-1 of the JSON) and Cache-Control on a 200 answer; 304 when the client has it. */
@Injectable()
class CacheableInterceptor implements NestInterceptor {
  constructor(private readonly maxAgeSeconds: number) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const json = JSON.stringify(body);
        const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
        void reply.header('etag', etag).header('cache-control', `public, max-age=${this.maxAgeSeconds}`);
        if (req.headers['if-none-match'] === etag) {
          void reply.status(304);
          return undefined;
        }
        return body;
      }),
    );
  }
}

/**
 * Public, cacheable reads (the catalog, the signing keys): ETag + Cache-Control `public, max-age`, and
 * 304 Not Modified for a matching If-None-Match, so kiosks and apps revalidate instead of refetching.
 */
export function Cacheable(maxAgeSeconds: number): MethodDecorator {
  return applyDecorators(
    UseInterceptors(new CacheableInterceptor(maxAgeSeconds)),
    ApiHeader({
      name: 'if-none-match',
      required: false,
      description: 'ETag of a copy the client holds (304 when unchanged)',
    }),
  );
}
