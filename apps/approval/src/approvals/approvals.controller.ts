import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionDto, ListApprovalsQuery } from './dto/approvals.dto';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApprovalsService } from './approvals.service';

@ApiTags('approvals 审批')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @Roles(ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '审批案件列表. Roles: approver (own department), admin.' })
  list(@CurrentUser() user: Principal, @Query() q: ListApprovalsQuery) {
    return this.approvals.list(user, q);
  }

  @Get(':caseNo')
  @Roles(ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({
    summary: '审批案件详情 with steps, deadline and audit trail. Roles: approver (own department), admin.',
  })
  get(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string) {
    return this.approvals.get(user, caseNo);
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
      'approve → APPROVED, deny → DENIED. 409 STEP_MISMATCH when stepNo is not the current step, ' +
      '409 INVALID_STATE when the case is closed, 403 SEPARATION_OF_DUTIES when the caller decided an earlier step.',
  })
  decide(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string, @Body() dto: DecisionDto) {
    return this.approvals.decide(user, caseNo, dto);
  }
}
