import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import { Page } from '@app/shared/database';
import { ApprovalSummaryView, ApprovalView } from './dto/approval.response.dto';
import { DecisionRequestDto } from './dto/decision.request.dto';
import { ListApprovalsQueryDto } from './dto/list-approvals.query.dto';
import { ApprovalQueries } from './use-cases/approval-queries/approval-queries.use-case';
import { DecideStepUseCase } from './use-cases/decide-step/decide-step.use-case';

@ApiTags('approvals 审批')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly queries: ApprovalQueries,
    private readonly decideStep: DecideStepUseCase,
  ) {}

  @Get()
  @Roles(ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '审批案件列表. Roles: approver (own department), admin.' })
  @ApiPageResponse(ApprovalSummaryView)
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() user: Principal,
    @Query() q: ListApprovalsQueryDto,
  ): Promise<Page<ApprovalSummaryView>> {
    return this.queries.list(user, q);
  }

  @Get(':caseNo')
  @Roles(ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({
    summary: '审批案件详情 with steps, deadline and audit trail. Roles: approver (own department), admin.',
    description: 'A case of another department is answered like an unknown one: 404 APPROVAL_NOT_FOUND.',
  })
  @ApiOkResponse({ type: ApprovalView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string): Promise<ApprovalView> {
    return this.queries.get(user, caseNo);
  }

  @Post(':caseNo/decision')
  @HttpCode(200)
  @Roles(ROLES.APPROVER)
  @ApiOperation({
    summary:
      '办理当前环节 (stepNo, approve / deny with an opinion). Role: approver of the case’s department; ' +
      'one person decides at most one step of a case.',
    description:
      '前置环节的 deny 记为不同意并流转至下一环节; 只有最后环节 (批准) 决定准予/不予许可. ' +
      'Before the last step a deny is recorded (step result 0) and the case moves on; the last step decides: ' +
      'approve → APPROVED, deny → DENIED. 404 APPROVAL_NOT_FOUND for an unknown case or one of another ' +
      'department, 409 STEP_MISMATCH when stepNo is not the current step, ' +
      '409 INVALID_STATE when the case is closed, 403 SEPARATION_OF_DUTIES when the caller decided an earlier step.',
  })
  @ApiOkResponse({ type: ApprovalView, description: 'the case after the decision' })
  @ApiErrors(400, 401, 403, 404, 409)
  decide(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: DecisionRequestDto,
  ): Promise<ApprovalView> {
    return this.decideStep.execute(user, { caseNo, ...dto });
  }
}
