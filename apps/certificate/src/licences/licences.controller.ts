import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ApiErrors, Cacheable } from '@app/shared/http';
import { KeysList } from './dto/keys-list.response.dto';
import { LicenceIdParam } from './dto/licence-id.param.dto';
import { LicenceView } from './dto/licence.response.dto';
import { PurposeQuery } from './dto/purpose.query.dto';
import { UsageLog } from './dto/usage-log.response.dto';
import { FileVerificationResult, VerificationResult } from './dto/verification.response.dto';
import { VerifyTokenParam } from './dto/verify-token.param.dto';
import { LicencesPolicy } from './licences.policy';
import { SigningKeysService } from './signing-keys.service';
import { DownloadLicenceFileUseCase } from './use-cases/download-licence-file/download-licence-file.use-case';
import { GetLicenceUseCase } from './use-cases/get-licence/get-licence.use-case';
import { ListLicenceUsageUseCase } from './use-cases/list-licence-usage/list-licence-usage.use-case';
import { VerifyLicenceFileUseCase } from './use-cases/verify-licence-file/verify-licence-file.use-case';
import { VerifyQrTokenUseCase } from './use-cases/verify-qr-token/verify-qr-token.use-case';

const requesterOf = (user: Principal) => ({ sub: user.sub, dept: user.dept ?? null });

@ApiTags('licences 电子证照')
@Controller()
export class LicencesController {
  constructor(
    private readonly getLicence: GetLicenceUseCase,
    private readonly downloadLicenceFile: DownloadLicenceFileUseCase,
    private readonly listLicenceUsage: ListLicenceUsageUseCase,
    private readonly verifyQrToken: VerifyQrTokenUseCase,
    private readonly verifyLicenceFile: VerifyLicenceFileUseCase,
    private readonly keys: SigningKeysService,
  ) {}

  @Get('licences/:licenceId')
  @LicencesPolicy.readLicence()
  @ApiOperation({ summary: `证照信息 with 用证事由 (logged). ${LicencesPolicy.readersText}` })
  @ApiOkResponse({ type: LicenceView })
  @ApiErrors(400, 401, 403, 404)
  get(
    @CurrentUser() user: Principal,
    @Param() p: LicenceIdParam,
    @Query() q: PurposeQuery,
  ): Promise<LicenceView> {
    return this.getLicence.execute({
      licenceId: p.licenceId,
      requester: requesterOf(user),
      purpose: q.purpose,
    });
  }

  @Get('licences/:licenceId/file')
  @LicencesPolicy.readLicence()
  @ApiOperation({ summary: `证照 PDF with 用证事由 (logged). ${LicencesPolicy.readersText}` })
  @ApiOkResponse({
    description: 'the signed licence PDF (attachment)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 401, 403, 404)
  async file(
    @CurrentUser() user: Principal,
    @Param() p: LicenceIdParam,
    @Query() q: PurposeQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, licenceId } = await this.downloadLicenceFile.execute({
      licenceId: p.licenceId,
      requester: requesterOf(user),
      purpose: q.purpose,
    });
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${licenceId}.pdf"`)
      .header('cache-control', 'no-store')
      .send(file);
  }

  @Get('licences/:licenceId/usage')
  @LicencesPolicy.readUsageLog()
  @ApiOperation({ summary: `用证记录 (newest first). ${LicencesPolicy.usageReadersText}` })
  @ApiOkResponse({ type: UsageLog })
  @ApiErrors(400, 401, 403, 404)
  usage(@Param() p: LicenceIdParam): Promise<UsageLog> {
    return this.listLicenceUsage.execute(p.licenceId);
  }

  @Get('verify/:token')
  @LicencesPolicy.verify()
  @ApiOperation({ summary: '扫码核验 (QR token). Public; minimal personal data.' })
  @ApiOkResponse({ type: VerificationResult, description: 'the verdict (an invalid licence is still a 200)' })
  @ApiErrors(400)
  verify(@Param() p: VerifyTokenParam): Promise<VerificationResult> {
    return this.verifyQrToken.execute(p.token);
  }

  @Post('verify/file')
  @LicencesPolicy.verify()
  @HttpCode(200)
  @ApiOperation({ summary: '文件核验: POST the PDF as application/pdf (≤ 10 MiB). Public.' })
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({
    type: FileVerificationResult,
    description: 'the verdict (an invalid file is still a 200)',
  })
  @ApiErrors(400, 413, 415)
  verifyFile(@Req() req: FastifyRequest): Promise<FileVerificationResult> {
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        '请上传 PDF 文件 / Send the licence file as application/pdf',
      );
    }
    return this.verifyLicenceFile.execute(body);
  }

  @Get('keys')
  @Cacheable(300)
  @LicencesPolicy.verify()
  @ApiOperation({ summary: 'SM2 public keys (PEM SubjectPublicKeyInfo) for offline verification. Public.' })
  @ApiOkResponse({ type: KeysList })
  listKeys(): Promise<KeysList> {
    return this.keys.list();
  }
}
