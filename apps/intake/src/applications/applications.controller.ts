import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AcceptApplicationDto,
  ListCasesQuery,
  RejectApplicationDto,
  SubmitApplicationDto,
} from './dto/applications.dto';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { IDEMPOTENCY_HEADER, IDEMPOTENT_REPLAYED_HEADER, parseIdempotencyKey } from '@app/shared/http';
import { ApplicationsService } from './applications.service';

@ApiTags('applications 办件')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly apps: ApplicationsService) {}

  @Post()
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '提交申请 (applicant). Returns the case with its 办件编号. With an Idempotency-Key header a retry returns the same case (Idempotent-Replayed: true).',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: '8–100 chars, e.g. a UUID per submission',
  })
  async submit(
    @CurrentUser() user: Principal,
    @Body() dto: SubmitApplicationDto,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { view, replayed } = await this.apps.submit(user, dto, parseIdempotencyKey(key));
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return view;
  }

  @Get()
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件列表: applicants see their own, staff their department’s, admin all.' })
  list(@CurrentUser() user: Principal, @Query() q: ListCasesQuery) {
    return this.apps.list(user, q);
  }

  @Get(':caseNo')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件详情 (owner, staff of the department, admin).' })
  get(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string) {
    return this.apps.get(user, caseNo);
  }

  @Get(':caseNo/timeline')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件进度 timeline (owner, staff of the department, admin).' })
  timeline(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string) {
    return this.apps.timeline(user, caseNo);
  }

  @Post(':caseNo/accept')
  @HttpCode(200)
  @Roles(ROLES.CLERK)
  @ApiOperation({
    summary: '受理 (window clerk of the item’s department): 受理文书编号 and 承诺办结日期 in working days.',
  })
  accept(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string, @Body() dto: AcceptApplicationDto) {
    return this.apps.accept(user, caseNo, dto);
  }

  @Post(':caseNo/reject')
  @HttpCode(200)
  @Roles(ROLES.CLERK)
  @ApiOperation({ summary: '不予受理 with a reason (window clerk of the item’s department).' })
  reject(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string, @Body() dto: RejectApplicationDto) {
    return this.apps.reject(user, caseNo, dto);
  }
}
