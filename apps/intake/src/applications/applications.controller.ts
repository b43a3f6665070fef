import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import {
  ApiErrors,
  ApiPageResponse,
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  parseIdempotencyKey,
} from '@app/shared/http';
import { AcceptApplicationDto } from './dto/accept-application.request.dto';
import { CaseView } from './dto/case.response.dto';
import { GetCaseQuery } from './dto/get-case.query.dto';
import { ListCasesQuery } from './dto/list-cases.query.dto';
import { SubmitApplicationDto } from './dto/submit-application.request.dto';
import { TimelineView } from './dto/timeline.response.dto';
import { CaseQueries } from './queries/case-queries.service';
import { AcceptApplicationUseCase } from './use-cases/accept-application/accept-application.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application/submit-application.use-case';
const ANYONE_SIGNED_IN = [ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF, ROLES.ADMIN] as const;

@ApiTags('applications 办件')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly submitApplication: SubmitApplicationUseCase,
    private readonly acceptApplication: AcceptApplicationUseCase,
    private readonly queries: CaseQueries,
  ) {}

  @Post()
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '提交申请 (applicant). Returns the case with its 办件编号. Online, required materials missing do not refuse it: the 预审 issues the 一次性告知 at once (status SUPPLEMENT_REQUIRED, the notice in supplementNotices). With an Idempotency-Key header a retry returns the same case (Idempotent-Replayed: true).',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: '8–100 chars, e.g. a UUID per submission',
  })
  @ApiCreatedResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 422)
  async submit(
    @CurrentUser() user: Principal,
    @Body() dto: SubmitApplicationDto,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseView> {
    const { view, replayed } = await this.submitApplication.execute({
      user,
      dto,
      idempotencyKey: parseIdempotencyKey(key),
    });
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return view;
  }

  @Get()
  @Roles(...ANYONE_SIGNED_IN)
  @ApiOperation({ summary: '办件列表: applicants see their own, staff their department’s, admin all.' })
  @ApiPageResponse(CaseView)
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() q: ListCasesQuery): Promise<Page<CaseView>> {
    return this.queries.listCases(user, q);
  }

  @Get(':caseNo')
  @Roles(...ANYONE_SIGNED_IN)
  @ApiOperation({
    summary: '办件详情 (owner, staff of the department, admin).',
    description:
      'With `waitVersion` (the `version` the client holds) this is a long poll: the answer comes as soon as the ' +
      'case changes, or after `waitSeconds` (≤ 30) unchanged — front ends follow a case without polling.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404)
  get(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Query() wait: GetCaseQuery,
  ): Promise<CaseView> {
    return this.queries.getCase(user, caseNo, wait);
  }

  @Get(':caseNo/timeline')
  @Roles(...ANYONE_SIGNED_IN)
  @ApiOperation({ summary: '办件进度 timeline (owner, staff of the department, admin).' })
  @ApiOkResponse({ type: TimelineView })
  @ApiErrors(400, 401, 403, 404)
  timeline(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string): Promise<TimelineView> {
    return this.queries.getTimeline(user, caseNo);
  }

  @Post(':caseNo/accept')
  @HttpCode(200)
  @Roles(ROLES.CLERK)
  @ApiOperation({
    summary:
      '受理 (window clerk of the item’s department; another department’s case is 404): 受理文书编号 and 承诺办结日期 in working days. 容缺受理: `owedMaterials` lists deferrable, non-key materials accepted as owed (422 MATERIAL_NOT_DEFERRABLE otherwise); approval’s last step waits for them.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 503)
  accept(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: AcceptApplicationDto,
  ): Promise<CaseView> {
    return this.acceptApplication.execute({
      user,
      caseNo,
      remark: dto.remark,
      owedMaterials: dto.owedMaterials,
    });
  }
}
