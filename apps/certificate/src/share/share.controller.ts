import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '@app/shared/http';
import {
  DownloadLinkParam,
  ShareRequestDto,
  ShareResponseView,
  ShareTokenRequestDto,
} from './dto/share-envelope.dto';
import { ShareGate } from './share-gate';
import { ShareOperationDocs } from './share-operations.docs';
import { SharePolicy } from './share.policy';
import { ShareResponse } from './share-status';
import { CreateDownloadUrlUseCase } from './use-cases/create-download-url/create-download-url.use-case';
import { DownloadSharedFileUseCase } from './use-cases/download-shared-file/download-shared-file.use-case';
import { GetCertRemarkInfoUseCase } from './use-cases/get-cert-remark-info/get-cert-remark-info.use-case';
import { IssueShareTokenUseCase } from './use-cases/issue-share-token/issue-share-token.use-case';
import { QueryCertInfoByHolderCodeUseCase } from './use-cases/query-cert-info-by-holder-code/query-cert-info-by-holder-code.use-case';
import { QueryCertInfoByQrcodeUseCase } from './use-cases/query-cert-info-by-qrcode/query-cert-info-by-qrcode.use-case';
import { QueryCertInfoUseCase } from './use-cases/query-cert-info/query-cert-info.use-case';
import { VerifyCertInfoUseCase } from './use-cases/verify-cert-info/verify-cert-info.use-case';
import { VerifyShareFileUseCase } from './use-cases/verify-share-file/verify-share-file.use-case';

/** 证照共享: the provincial-style interface partner departments call (POST /share/<operation>). */
@ApiTags('share 证照共享')
@Controller('share')
export class ShareController {
  constructor(
    private readonly gate: ShareGate,
    private readonly issueToken: IssueShareTokenUseCase,
    private readonly queryCertInfoUseCase: QueryCertInfoUseCase,
    private readonly byHolderCode: QueryCertInfoByHolderCodeUseCase,
    private readonly byQrcode: QueryCertInfoByQrcodeUseCase,
    private readonly verifyCertInfoUseCase: VerifyCertInfoUseCase,
    private readonly verifyFileUseCase: VerifyShareFileUseCase,
    private readonly downloadUrlUseCase: CreateDownloadUrlUseCase,
    private readonly remarkInfo: GetCertRemarkInfoUseCase,
    private readonly downloadFile: DownloadSharedFileUseCase,
  ) {}

  @Post('getToken')
  @HttpCode(200)
  @SharePolicy.operation()
  @ApiOperation({
    summary: '获取访问令牌 (getToken). Partner client with its secret.',
    description:
      'Body {accessId, accessSecret} → {head, data: {accessToken, expiresIn, expiryTime}}. The token is ' +
      'short-lived (SHARE_TOKEN_TTL_SECONDS, default 7200) and stored hashed. Unknown client, wrong secret ' +
      'or a disabled client: head.status 11; a missing field 12.',
  })
  @ApiOkResponse({ type: ShareResponseView })
  @ApiErrors(400)
  getToken(@Body() body: ShareTokenRequestDto): Promise<ShareResponse> {
    return this.gate.answer('getToken', () => this.issueToken.execute({ ...body }));
  }

  @Post('queryCertInfo')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('queryCertInfo')
  queryCertInfo(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('queryCertInfo', body, (c, d) => this.queryCertInfoUseCase.execute(c, d));
  }

  @Post('queryCertInfoByHolderCode')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('queryCertInfoByHolderCode')
  queryCertInfoByHolderCode(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('queryCertInfoByHolderCode', body, (c, d) => this.byHolderCode.execute(c, d));
  }

  @Post('queryCertInfoByQRcode')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('queryCertInfoByQRcode')
  queryCertInfoByQRcode(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('queryCertInfoByQRcode', body, (c, d) => this.byQrcode.execute(c, d));
  }

  @Post('verifyCertInfo')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('verifyCertInfo')
  verifyCertInfo(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('verifyCertInfo', body, (c, d) => this.verifyCertInfoUseCase.execute(c, d));
  }

  @Post('verifyFile')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('verifyFile')
  verifyFile(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('verifyFile', body, (c, d) => this.verifyFileUseCase.execute(c, d));
  }

  @Post('downloadUrl')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('downloadUrl')
  downloadUrl(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('downloadUrl', body, (c, d) => this.downloadUrlUseCase.execute(c, d));
  }

  @Post('getCertRemarkInfo')
  @HttpCode(200)
  @SharePolicy.operation()
  @ShareOperationDocs('getCertRemarkInfo')
  getCertRemarkInfo(@Body() body: ShareRequestDto): Promise<ShareResponse> {
    return this.gate.run('getCertRemarkInfo', body, (c, d) => this.remarkInfo.execute(c, d));
  }

  @Get('download/:id')
  @SharePolicy.download()
  @ApiOperation({
    summary: '临时下载地址 (from downloadUrl). The link is the credential: no token.',
    description:
      'The licence PDF watermarked with the stated use (用证事由). Works once and until it expires ' +
      '(SHARE_DOWNLOAD_TTL_SECONDS); an unknown, used or expired link is 404 NOT_FOUND. The download is ' +
      'logged under the partner that asked for the link.',
  })
  @ApiOkResponse({
    description: 'the watermarked licence PDF (attachment)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404)
  async download(@Param() p: DownloadLinkParam, @Res() reply: FastifyReply): Promise<void> {
    const { file, licenceId } = await this.downloadFile.execute(p.id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${licenceId}.pdf"`)
      .header('cache-control', 'no-store')
      .send(file);
  }
}
