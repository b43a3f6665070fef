import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LicenceIdParam, PurposeQuery } from '@app/shared/api';
import { Public, Roles, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { UpstreamClient } from '../proxy/upstream.client';

const enc = encodeURIComponent;
const LICENCE_READERS = [ROLES.CLERK, ROLES.APPROVER, ROLES.PARTNER, ROLES.ADMIN];

@ApiTags('licences 电子证照')
@Controller('api/v1')
export class LicencesRoutes {
  constructor(private readonly up: UpstreamClient) {}

  @ApiBearerAuth()
  @Get('licences/:licenceId')
  @Roles(...LICENCE_READERS)
  @ApiOperation({
    summary: '证照信息 by identifier, with 用证事由 (logged). Roles: clerk, approver, partner, admin.',
  })
  get(
    @Param() p: LicenceIdParam,
    @Query() q: PurposeQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.up.forward('certificate', req, reply, {
      method: 'GET',
      path: `/licences/${enc(p.licenceId)}`,
      query: q,
    });
  }

  @ApiBearerAuth()
  @Get('licences/:licenceId/file')
  @Roles(...LICENCE_READERS)
  @ApiOperation({ summary: '证照文件 (PDF) with 用证事由 (logged). Roles: clerk, approver, partner, admin.' })
  file(
    @Param() p: LicenceIdParam,
    @Query() q: PurposeQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.up.forward('certificate', req, reply, {
      method: 'GET',
      path: `/licences/${enc(p.licenceId)}/file`,
      query: q,
    });
  }

  @ApiBearerAuth()
  @Get('licences/:licenceId/usage')
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '用证记录 (usage log). Role: admin.' })
  usage(@Param() p: LicenceIdParam, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('certificate', req, reply, {
      method: 'GET',
      path: `/licences/${enc(p.licenceId)}/usage`,
    });
  }

  @Public()
  @Get('verify/:token')
  @ApiOperation({
    summary: '扫码核验: checks the QR token, the licence status and version. Public; minimal personal data.',
  })
  verifyToken(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('certificate', req, reply, { method: 'GET', path: `/verify/${enc(token)}` });
  }

  @Public()
  @Post('verify/file')
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: '文件核验: upload a licence PDF; checks its hash and SM2 signature. Public.' })
  verifyFile(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!Buffer.isBuffer(body) || !contentType?.startsWith('application/pdf')) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        '请上传 PDF 文件 / Send the licence file as application/pdf',
      );
    }
    return this.up.forward('certificate', req, reply, {
      method: 'POST',
      path: '/verify/file',
      rawBody: { contentType: 'application/pdf', data: body },
    });
  }

  @Public()
  @Get('keys')
  @ApiOperation({ summary: '签章公钥 (SM2, PEM) for offline verification. Public.' })
  keys(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('certificate', req, reply, { method: 'GET', path: '/keys' });
  }
}
