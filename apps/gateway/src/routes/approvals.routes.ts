import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DecisionDto, ListApprovalsQuery } from '@app/shared/api';
import { Roles, ROLES } from '@app/shared/auth';
import { UpstreamClient } from '../proxy/upstream.client';

const enc = encodeURIComponent;

@ApiTags('approvals 审批')
@ApiBearerAuth()
@Controller('api/v1/approvals')
export class ApprovalsRoutes {
  constructor(private readonly up: UpstreamClient) {}

  @Get()
  @Roles(ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '审批案件列表. Roles: approver (own department), admin.' })
  list(@Query() q: ListApprovalsQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('approval', req, reply, { method: 'GET', path: '/approvals', query: q });
  }

  @Get(':caseNo')
  @Roles(ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({
    summary: '审批案件详情 with steps, deadline and audit trail. Roles: approver (own department), admin.',
  })
  get(@Param('caseNo') caseNo: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('approval', req, reply, { method: 'GET', path: `/approvals/${enc(caseNo)}` });
  }

  @Post(':caseNo/decision')
  @Roles(ROLES.APPROVER)
  @ApiOperation({
    summary: '办理当前环节: approve or deny with an opinion. Role: approver of the case’s department.',
  })
  decide(
    @Param('caseNo') caseNo: string,
    @Body() dto: DecisionDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.up.forward('approval', req, reply, {
      method: 'POST',
      path: `/approvals/${enc(caseNo)}/decision`,
      body: dto,
    });
  }
}
