import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionDto, ListApprovalsQuery } from '@app/shared/api';
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
    summary: '办理当前环节 (approve / deny with an opinion). Role: approver of the case’s department.',
  })
  decide(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string, @Body() dto: DecisionDto) {
    return this.approvals.decide(user, caseNo, dto);
  }
}
