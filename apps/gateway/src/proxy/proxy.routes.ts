import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, JwtVerifier, Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { toErrorResponse } from '@app/shared/http';
import { PUBLIC_PREFIX, upstreamOf } from './route-map';
import { UpstreamClient } from './upstream.client';

/** The file-verification route takes PDF bodies (up to this size); no other route does. */
export const PDF_ROUTE = `${PUBLIC_PREFIX}/verify/file`;
export const PDF_LIMIT_BYTES = 10 * 1024 * 1024;

/** A segment that URL resolution would collapse into another route of the service ('.', '..', '%2E%2E'). */
function hasDotSegment(path: string): boolean {
  return path.split('/').some((seg) => {
    let s = seg;
    try {
      s = decodeURIComponent(seg);
    } catch {
      return false;
    }
    return s === '.' || s === '..';
  });
}

/**
 * The edge's token check: a request that carries an Authorization header must carry a valid bearer token
 * (401 here, before anything is forwarded); one without is forwarded and the owning service decides,
 * since only it declares which of its routes are public.
 */
function checkToken(req: FastifyRequest & { principal?: Principal }, verifier: JwtVerifier): void {
  const header = req.headers.authorization;
  if (header === undefined) return;
  const token = bearerToken(header);
  if (!token) {
    throw new DomainError('UNAUTHENTICATED', undefined, { reason: 'malformed Authorization header' });
  }
  if (req.principal?.token === token) return; // the rate limiter verified this very token already
  req.principal = verifier.verify(token);
}

/**
 * `/api/v1/<prefix>/…` → the owning service's `/<prefix>/…`, path and query string as the client sent
 * them. Routes are declared once, in the services; this forwards by prefix (route-map.ts).
 */
export function registerProxyRoutes(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const upstream = app.get(UpstreamClient);
  const verifier = app.get(JwtVerifier);
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      const servicePath = req.url.slice(PUBLIC_PREFIX.length);
      const path = servicePath.split('?')[0];
      const owner = upstreamOf(servicePath);
      if (!owner || hasDotSegment(path)) {
        throw new DomainError('NOT_FOUND', undefined, { path: req.url.split('?')[0] });
      }
      checkToken(req, verifier);
      await upstream.forward(owner, servicePath, req, reply);
    } catch (e) {
      const { status, body } = toErrorResponse(e);
      await reply.status(status).send(body);
    }
  };
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
  fastify.route({ method: [...methods], url: `${PUBLIC_PREFIX}/*`, handler });
  fastify.route({ method: 'POST', url: PDF_ROUTE, bodyLimit: PDF_LIMIT_BYTES, handler });
}
