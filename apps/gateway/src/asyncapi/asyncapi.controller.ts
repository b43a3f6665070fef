import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/shared/auth';
import { AsyncApiDocsService, Rendered } from './asyncapi-docs.service';

/** The page may load its stylesheet from this origin and nothing else: no script at all, never framed. */
export const ASYNCAPI_CSP =
  "default-src 'self'; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/** Public and cacheable for five minutes: the document changes only with a deployment. */
export const ASYNCAPI_CACHE_CONTROL = 'public, max-age=300';

/**
 * 事件目录 (event catalog): the AsyncAPI 3.0 document of every Kafka topic, as JSON (`/asyncapi.json`) and
 * as a readable page (`/asyncapi`). Public: it describes message shapes, never data. Like /docs and
 * /dashboard it is the gateway's own page, not an operation of the public API (not in /docs-json).
 */
@ApiExcludeController()
@Controller()
export class AsyncApiController {
  constructor(private readonly docs: AsyncApiDocsService) {}

  @Public()
  @Get('asyncapi.json')
  json(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(req, reply, this.docs.json, 'application/json; charset=utf-8');
  }

  @Public()
  @Get('asyncapi')
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(req, reply, this.docs.page, 'text/html; charset=utf-8');
  }

  @Public()
  @Get('asyncapi.css')
  css(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(req, reply, this.docs.css, 'text/css; charset=utf-8');
  }
}

async function send(
  req: FastifyRequest,
  reply: FastifyReply,
  r: Rendered,
  contentType: string,
): Promise<void> {
  void reply
    .header('content-security-policy', ASYNCAPI_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', ASYNCAPI_CACHE_CONTROL)
    .header('etag', r.etag);
  const match = req.headers['if-none-match'];
  if (typeof match === 'string' && match.split(',').some((t) => t.trim() === r.etag)) {
    await reply.status(304).send();
    return;
  }
  await reply.header('content-type', contentType).status(200).send(r.body);
}
