import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors } from '@app/shared/http';
import { CaseView } from './dto/case.response.dto';
import {
  ConfirmRefusalDto,
  OverturnRefusalDto,
  RequestSupplementDto,
  SupplementApplicationDto,
  WithdrawApplicationDto,
} from './dto/case-life.request.dto';
import { RejectApplicationDto } from './dto/reject-application.request.dto';
import { CaseQueries } from './queries/case-queries.service';
import { ConfirmRefusalUseCase } from './use-cases/confirm-refusal/confirm-refusal.use-case';
import { OverturnRefusalUseCase } from './use-cases/overturn-refusal/overturn-refusal.use-case';
import { ProposeRefusalUseCase } from './use-cases/propose-refusal/propose-refusal.use-case';
import { RequestSupplementUseCase } from './use-cases/request-supplement/request-supplement.use-case';
import { SupplementApplicationUseCase } from './use-cases/supplement-application/supplement-application.use-case';
import { WithdrawApplicationUseCase } from './use-cases/withdraw-application/withdraw-application.use-case';
const ANYONE_SIGNED_IN = [ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF, ROLES.ADMIN] as const;

/**
 * The case life before 受理 (窗口无否决权, 一次性告知 and 补正) and the applicant's withdrawal: each route one use
 * case (apps/intake/src/applications/use-cases).
 */
@ApiTags('applications 办件')
@ApiBearerAuth()
@Controller('applications')
export class CaseLifeController {
  constructor(
    private readonly proposeRefusal: ProposeRefusalUseCase,
    private readonly confirmRefusal: ConfirmRefusalUseCase,
    private readonly overturnRefusal: OverturnRefusalUseCase,
    private readonly requestSupplement: RequestSupplementUseCase,
    private readonly supplementApplication: SupplementApplicationUseCase,
    private readonly withdrawApplication: WithdrawApplicationUseCase,
    private readonly queries: CaseQueries,
  ) {}

  @Post(':caseNo/reject')
  @HttpCode(200)
  @Roles(ROLES.CLERK)
  @ApiOperation({
    summary:
      '拟不予受理 (window clerk of the item’s department; another department’s case is 404): a proposal with its reason and legal basis; the case waits in REFUSAL_PROPOSED for the department’s chief to confirm or overturn it.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409)
  reject(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: RejectApplicationDto,
  ): Promise<CaseView> {
    return this.proposeRefusal.execute({ user, caseNo, reason: dto.reason, legalBasis: dto.legalBasis });
  }

  @Post(':caseNo/refusal/confirm')
  @HttpCode(200)
  @Roles(ROLES.CHIEF)
  @ApiOperation({
    summary:
      '确认不予受理 (chief 首席代表 of the case’s department; another department’s case is 404): the case is done with result 6.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409)
  confirmRefusalOf(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: ConfirmRefusalDto,
  ): Promise<CaseView> {
    return this.confirmRefusal.execute({ user, caseNo, opinion: dto.opinion });
  }

  @Post(':caseNo/refusal/overturn')
  @HttpCode(200)
  @Roles(ROLES.CHIEF)
  @ApiOperation({
    summary:
      '否决不予受理意见 (chief 首席代表 of the case’s department): with an opinion, the case is accepted as by 受理 (受理文书编号, 承诺办结日期).',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409, 503)
  overturnRefusalOf(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: OverturnRefusalDto,
  ): Promise<CaseView> {
    return this.overturnRefusal.execute({ user, caseNo, opinion: dto.opinion });
  }

  @Post(':caseNo/supplement-notice')
  @HttpCode(200)
  @Roles(ROLES.CLERK)
  @ApiOperation({
    summary:
      '补正告知 / 一次性告知 (window clerk of the item’s department): ONE numbered notice (BZ<caseNo>-<n>) lists every missing or defective material; the case waits in SUPPLEMENT_REQUIRED, its clock stopped, for supplementDays working days (item rule). At most supplementLimit notices per case; a further one only names materials the last supplement brought.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 503)
  requestSupplementOf(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: RequestSupplementDto,
  ): Promise<CaseView> {
    return this.requestSupplement.execute({ user, caseNo, materials: dto.materials, remark: dto.remark });
  }

  @Get(':caseNo/supplement-notices/:noticeNo/pdf')
  @Roles(...ANYONE_SIGNED_IN)
  @ApiOperation({ summary: '补正材料一次性告知书 PDF (owner, staff of the department, admin).' })
  @ApiOkResponse({
    description: 'the notice as a PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 401, 403, 404)
  async noticePdf(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Param('noticeNo') noticeNo: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, noticeNo: no } = await this.queries.supplementNoticePdf(user, caseNo, noticeNo);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${no}.pdf"`)
      .header('cache-control', 'no-store')
      .send(file);
  }

  @Post(':caseNo/supplement')
  @HttpCode(200)
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '补正 (the applicant who filed the case): every material the open notice names, at once (else 422 SUPPLEMENT_INCOMPLETE with the missing list); the case returns to SUBMITTED and its clock runs again.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 503)
  supplement(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: SupplementApplicationDto,
  ): Promise<CaseView> {
    return this.supplementApplication.execute({
      user,
      caseNo,
      materials: dto.materials,
      channel: dto.submitChannel,
    });
  }

  @Post(':caseNo/withdraw')
  @HttpCode(200)
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '撤回 (the applicant who filed the case) before a decision: the case is done as 作废办结 (2); intake.application.withdrawn and intake.case.completed are published.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409)
  withdraw(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: WithdrawApplicationDto,
  ): Promise<CaseView> {
    return this.withdrawApplication.execute({ user, caseNo, reason: dto.reason });
  }
}
