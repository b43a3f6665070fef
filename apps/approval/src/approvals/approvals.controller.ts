import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import { Page } from '@app/shared/database';
import { ApprovalQueueItemView, ApprovalView } from './dto/approval.response.dto';
import { DecisionRequestDto } from './dto/decision.request.dto';
import {
  ChiefDecisionRequestDto,
  EndSpecialProcedureRequestDto,
  ProcedureParams,
  ReturnRequestDto,
  StartSpecialProcedureRequestDto,
} from './dto/procedures.request.dto';
import { SpecialProcedureType } from '@app/shared/contracts';
import { ChiefDecisionUseCase } from './use-cases/chief-decision/chief-decision.use-case';
import { ReturnStepUseCase } from './use-cases/return-step/return-step.use-case';
import { SpecialProceduresUseCase } from './use-cases/special-procedures/special-procedures.use-case';
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
    private readonly chiefDecision: ChiefDecisionUseCase,
    private readonly returnStep: ReturnStepUseCase,
    private readonly specialProcedures: SpecialProceduresUseCase,
  ) {}

  @Get()
  @Roles(ROLES.APPROVER, ROLES.CHIEF, ROLES.DEPT_HEAD, ROLES.ADMIN)
  @ApiOperation({
    summary:
      '审批案件列表 / 待办队列. Roles: approver, chief and dept_head (部门负责人, read only) of the department: ' +
      'its whole queue; admin (all).',
    description:
      'Filters: status, stepCode (current step 1/2/3), assignee=me (current step decided by a role of the ' +
      'caller; none for dept_head and admin), dueBefore (current step due on or before), overdue=true (OPEN, ' +
      'current step due before today), remainingMax=n (0–365: the current step has at most n working days ' +
      'left, overdue ones included); sort=due orders by the current step’s due date. Each item carries ' +
      '`current`: the current step, its due date and the working days left. Steps are assigned by role, not ' +
      'to a person. 400 VALIDATION_FAILED for any other value or parameter.',
  })
  @ApiPageResponse(ApprovalQueueItemView)
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() user: Principal,
    @Query() q: ListApprovalsQueryDto,
  ): Promise<Page<ApprovalQueueItemView>> {
    return this.queries.list(user, q);
  }

  @Get(':caseNo')
  @Roles(ROLES.APPROVER, ROLES.CHIEF, ROLES.DEPT_HEAD, ROLES.ADMIN)
  @ApiOperation({
    summary:
      '审批案件详情 with steps, deadline and audit trail. Roles: approver, chief and dept_head (own ' +
      'department), admin.',
    description: 'A case of another department is answered like an unknown one: 404 APPROVAL_NOT_FOUND.',
  })
  @ApiOkResponse({ type: ApprovalView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string): Promise<ApprovalView> {
    return this.queries.get(user, caseNo);
  }

  @Post(':caseNo/decision')
  @HttpCode(200)
  @Roles(ROLES.APPROVER, ROLES.CHIEF)
  @ApiOperation({
    summary:
      '办理当前环节 (stepNo, approve / deny with an opinion). Role: the step’s role (approver, or chief when ' +
      'the workflow gives the step to the 首席代表) of the case’s department; one person decides at most ' +
      'one step of a case.',
    description:
      '前置环节的 deny 记为不同意并流转至下一环节; 只有最后环节 (批准) 决定准予/不予许可. ' +
      'Before the last step a deny is recorded (step result 0) and the case moves on; the last step decides: ' +
      'approve → APPROVED, deny → DENIED. 404 APPROVAL_NOT_FOUND for an unknown case or one of another ' +
      'department, 409 STEP_MISMATCH when stepNo is not the current step, ' +
      '409 INVALID_STATE when the case is closed, 409 CASE_SUSPENDED during a 特别程序, ' +
      '403 SEPARATION_OF_DUTIES when the caller decided another step.',
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

  @Post(':caseNo/chief-decision')
  @HttpCode(200)
  @Roles(ROLES.CHIEF)
  @ApiOperation({
    summary: '首席代表决定: decides ALL remaining steps at once. Role: chief of the case’s department.',
    description:
      'Needs a 首席代表 authorisation valid now for the department and the case’s item or 事项类型, otherwise ' +
      '403 CHIEF_NOT_AUTHORISED (none, expired, revoked or out of scope). Separation of duties does not apply. ' +
      'Each step is audited with the authorisation id and announced (step-completed), then approved / denied. ' +
      '404 APPROVAL_NOT_FOUND, 409 INVALID_STATE (closed), 409 CASE_SUSPENDED.',
  })
  @ApiOkResponse({ type: ApprovalView, description: 'the case after the decision' })
  @ApiErrors(400, 401, 403, 404, 409)
  chief(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: ChiefDecisionRequestDto,
  ): Promise<ApprovalView> {
    return this.chiefDecision.execute(user, { caseNo, ...dto });
  }

  @Post(':caseNo/return')
  @HttpCode(200)
  @Roles(ROLES.APPROVER, ROLES.CHIEF)
  @ApiOperation({
    summary: '退回上一环节 (noderesult 7). Role: whoever may decide the current step.',
    description:
      'The previous step becomes current again with its full limit. 409 RETURN_NOT_ALLOWED from step 1, ' +
      '409 STEP_MISMATCH when stepNo is not the current step, 409 CASE_SUSPENDED, 409 INVALID_STATE, ' +
      '403 SEPARATION_OF_DUTIES when the caller decided another step.',
  })
  @ApiOkResponse({ type: ApprovalView, description: 'the case after the return' })
  @ApiErrors(400, 401, 403, 404, 409)
  returnToPrevious(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: ReturnRequestDto,
  ): Promise<ApprovalView> {
    return this.returnStep.execute(user, { caseNo, ...dto });
  }

  @Post(':caseNo/special-procedures')
  @HttpCode(200)
  @Roles(ROLES.APPROVER)
  @ApiOperation({
    summary:
      '启动特别程序 (听证/公示/核实/检验检测/专家评审): the case is SUSPENDED. Role: approver of the department.',
    description:
      'The clock stops until the procedure ends; decisions answer 409 CASE_SUSPENDED meanwhile. ' +
      '422 SPECIAL_PROCEDURE_TOO_LONG when the expected end date lies beyond the type’s maximum (config), ' +
      '400 VALIDATION_FAILED for a date in the past, 409 INVALID_STATE (closed), 409 CASE_SUSPENDED (already running).',
  })
  @ApiOkResponse({ type: ApprovalView, description: 'the case, SUSPENDED' })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  startProcedure(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: StartSpecialProcedureRequestDto,
  ): Promise<ApprovalView> {
    return this.specialProcedures.start(user, { caseNo, ...dto, type: dto.type as SpecialProcedureType });
  }

  @Post(':caseNo/special-procedures/:id/end')
  @HttpCode(200)
  @Roles(ROLES.APPROVER)
  @ApiOperation({
    summary: '结束特别程序: the clock resumes. Role: approver of the department.',
    description:
      'The current step’s due date moves by the paused working days (working days in (start date, end ' +
      'date]); the case’s due date by the paused days in the case’s promise unit (working days for 工作日, ' +
      'natural days for 自然日 and the other units). 404 SPECIAL_PROCEDURE_NOT_FOUND, 409 INVALID_STATE when ' +
      'already ended.',
  })
  @ApiOkResponse({ type: ApprovalView, description: 'the case, OPEN again' })
  @ApiErrors(400, 401, 403, 404, 409)
  endProcedure(
    @CurrentUser() user: Principal,
    @Param() p: ProcedureParams,
    @Body() dto: EndSpecialProcedureRequestDto,
  ): Promise<ApprovalView> {
    return this.specialProcedures.end(user, { caseNo: p.caseNo, procedureId: p.id, result: dto.result });
  }
}
