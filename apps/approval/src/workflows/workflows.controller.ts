import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors } from '@app/shared/http';
import {
  CreateWorkflowRequestDto,
  ItemCodeParam,
  WorkflowDefinitionView,
  WorkflowVersionsView,
} from './dto/workflow.dto';
import { CreateWorkflowVersionUseCase } from './use-cases/create-workflow-version/create-workflow-version.use-case';
import { WorkflowQueries } from './use-cases/workflow-queries/workflow-queries.use-case';

@ApiTags('workflows 审批流程')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly createVersion: CreateWorkflowVersionUseCase,
    private readonly queries: WorkflowQueries,
  ) {}

  @Post()
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '发布事项审批流程新版本. Role: admin.',
    description:
      '0–3 steps (1 承办, 2 审核, 3 批准; ascending, unique), each with the role that decides it (approver or ' +
      'chief) and its limit in working days (0–60). No step = 即办. Cases opened later take the new version; ' +
      'open cases keep theirs. 400 VALIDATION_FAILED for an invalid definition.',
  })
  @ApiCreatedResponse({ type: WorkflowDefinitionView })
  @ApiErrors(400, 401, 403)
  create(
    @CurrentUser() user: Principal,
    @Body() dto: CreateWorkflowRequestDto,
  ): Promise<WorkflowDefinitionView> {
    return this.createVersion.execute(user, dto);
  }

  @Get(':itemCode')
  @Roles(ROLES.ADMIN, ROLES.APPROVER)
  @ApiOperation({ summary: '事项审批流程版本列表 (newest first) and the defaults. Roles: admin, approver.' })
  @ApiOkResponse({ type: WorkflowVersionsView })
  @ApiErrors(400, 401, 403)
  versions(@Param() p: ItemCodeParam): Promise<WorkflowVersionsView> {
    return this.queries.versions(p.itemCode);
  }
}
