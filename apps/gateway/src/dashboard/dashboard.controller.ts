import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/shared/auth';
import { DashboardAssetName, DashboardAssets } from './dashboard-assets';

/**
 * What the browser may do on the page: load scripts, styles, images and data from this origin only (no
 * inline script or style, no eval), never be framed, post no form elsewhere.
 */
export const DASHBOARD_CSP =
  "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/**
 * 电子监察驾驶舱 (supervision dashboard). The page and its assets are public: they hold no data. The data
 * comes from `/api/v1/supervision/…` with the staff member's own token, which the supervision service
 * checks (supervisor: every department; dept_head: their own). Not in the public API document: like
 * /health and /docs it is the gateway's own page, not an operation of the API.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Public()
  @Get()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send('index.html', req, reply);
  }

  @Public()
  @Get('app.js')
  script(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send('app.js', req, reply);
  }

  @Public()
  @Get('dashboard.css')
  style(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send('dashboard.css', req, reply);
  }

  @Public()
  @Get('echarts.min.js')
  echarts(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send('echarts.min.js', req, reply);
  }

  @Public()
  @Get('favicon.svg')
  icon(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.send('favicon.svg', req, reply);
  }

  private async send(name: DashboardAssetName, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const a = this.assets.get(name);
    void reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', a.cacheControl)
      .header('etag', a.etag)
      .header('vary', 'accept-encoding');
    const match = req.headers['if-none-match'];
    if (typeof match === 'string' && match.split(',').some((t) => t.trim() === a.etag)) {
      await reply.status(304).send();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    void reply.header('content-type', a.contentType);
    if (gzip) void reply.header('content-encoding', 'gzip');
    await reply.status(200).send(gzip ? a.gzip : a.body);
  }
}
