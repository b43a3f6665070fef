import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LicenceIdParam, PurposeQuery } from './dto/licences.dto';
import { CurrentUser, Principal, Public, Roles, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { LicencesService } from './licences.service';
import { SigningKeysService } from './signing-keys.service';

const LICENCE_READERS = [ROLES.CLERK, ROLES.APPROVER, ROLES.PARTNER, ROLES.ADMIN];

@ApiTags('licences 电子证照')
@Controller()
export class LicencesController {
  constructor(
    private readonly licences: LicencesService,
    private readonly keys: SigningKeysService,
  ) {}

  @ApiBearerAuth()
  @Get('licences/:licenceId')
  @Roles(...LICENCE_READERS)
  @ApiOperation({ summary: '证照信息 with 用证事由 (logged). Roles: clerk, approver, partner, admin.' })
  get(@CurrentUser() user: Principal, @Param() p: LicenceIdParam, @Query() q: PurposeQuery) {
    return this.licences.get(user, p.licenceId, q.purpose);
  }

  @ApiBearerAuth()
  @Get('licences/:licenceId/file')
  @Roles(...LICENCE_READERS)
  @ApiOperation({ summary: '证照 PDF with 用证事由 (logged). Roles: clerk, approver, partner, admin.' })
  async file(
    @CurrentUser() user: Principal,
    @Param() p: LicenceIdParam,
    @Query() q: PurposeQuery,
    @Res() reply: FastifyReply,
  ) {
    const { file, licenceId } = await this.licences.file(user, p.licenceId, q.purpose);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${licenceId}.pdf"`)
      .header('cache-control', 'no-store')
      .send(file);
  }

  @ApiBearerAuth()
  @Get('licences/:licenceId/usage')
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '用证记录. Role: admin.' })
  usage(@Param() p: LicenceIdParam) {
    return this.licences.usage(p.licenceId);
  }

  @Public()
  @Get('verify/:token')
  @ApiOperation({ summary: '扫码核验 (QR token). Public; minimal personal data.' })
  verify(@Param('token') token: string) {
    if (token.length > 600) {
      throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'token', problems: ['too long'] }]);
    }
    return this.licences.verifyToken(token);
  }

  @Public()
  @Post('verify/file')
  @HttpCode(200)
  @ApiOperation({ summary: '文件核验: POST the PDF as application/pdf. Public.' })
  verifyFile(@Req() req: FastifyRequest) {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        '请上传 PDF 文件 / Send the licence file as application/pdf',
      );
    }
    return this.licences.verifyFile(body);
  }

  @Public()
  @Get('keys')
  @ApiOperation({ summary: 'SM2 public keys (PEM SubjectPublicKeyInfo) for offline verification. Public.' })
  listKeys() {
    return this.keys.list();
  }
}
