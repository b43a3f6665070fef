import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import { CaseView } from './dto/case.response.dto';
import {
  ListPostChecksQuery,
  RecordPostCheckDto,
  SupplyOwedMaterialsDto,
} from './dto/obligations.request.dto';
import { PostCheckView } from './dto/obligations.response.dto';
import { PostCheckQueries } from './queries/post-check-queries.service';
import { RecordPostCheckUseCase } from './use-cases/record-post-check/record-post-check.use-case';
import { SupplyOwedMaterialsUseCase } from './use-cases/supply-owed-materials/supply-owed-materials.use-case';

/**
 * 容缺受理 (the applicant supplies owed materials) and 告知承诺制 (the department's 事后核查 work list and
 * results). Registered before ApplicationsController so that `GET /applications/post-checks` is this
 * list, not a case (Fastify also prefers static segments).
 */
@ApiTags('applications 办件')
@ApiBearerAuth()
@Controller('applications')
export class ObligationsController {
  constructor(
    private readonly supplyOwed: SupplyOwedMaterialsUseCase,
    private readonly recordPostCheck: RecordPostCheckUseCase,
    private readonly postChecks: PostCheckQueries,
  ) {}

  @Post(':caseNo/owed-materials')
  @HttpCode(200)
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '补交容缺材料 (the applicant who filed the case; anyone else 404): some or all outstanding owed materials, each once, each by its due date (409 SUPPLEMENT_DEADLINE_PASSED after it); intake.application.owed-materials-supplied tells approval what is still owed.',
  })
  @ApiOkResponse({ type: CaseView })
  @ApiErrors(400, 401, 403, 404, 409)
  supply(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: SupplyOwedMaterialsDto,
  ): Promise<CaseView> {
    return this.supplyOwed.execute({
      user,
      caseNo,
      materials: dto.materials,
      channel: dto.submitChannel,
    });
  }

  @Get('post-checks')
  @Roles(ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF, ROLES.ADMIN)
  @ApiOperation({
    summary:
      '事后核查 work list (告知承诺制): staff see their department’s tasks, admin all; earliest deadline first; filter by status and overdue.',
  })
  @ApiPageResponse(PostCheckView)
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() q: ListPostChecksQuery): Promise<Page<PostCheckView>> {
    return this.postChecks.list(user, q);
  }

  @Post(':caseNo/post-check')
  @HttpCode(200)
  @Roles(ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF)
  @ApiOperation({
    summary:
      '事后核查结果 (staff of the case’s department; another department’s case is 404): PASSED, or FAILED with a reason — the case’s result is revoked and intake.case.post-check-failed makes certificate revoke the licence; the commitment is kept. Once per task (409).',
  })
  @ApiOkResponse({ type: PostCheckView })
  @ApiErrors(400, 401, 403, 404, 409)
  record(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: RecordPostCheckDto,
  ): Promise<PostCheckView> {
    return this.recordPostCheck.execute({ user, caseNo, result: dto.result, reason: dto.reason });
  }
}
