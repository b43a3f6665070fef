import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AcceptApplicationDto,
  ListCasesQuery,
  RejectApplicationDto,
  SubmitApplicationDto,
} from '@app/shared/api';
import { Roles, ROLES } from '@app/shared/auth';
import { UpstreamClient } from '../proxy/upstream.client';

const enc = encodeURIComponent;

@ApiTags('applications 办件')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class ApplicationsRoutes {
  constructor(private readonly up: UpstreamClient) {}

  @Post()
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '提交申请. Role: applicant. 201 with the 办件编号. Send an Idempotency-Key (a UUID per submission) to retry safely: a repeat returns the same case with Idempotent-Replayed: true; the key with another body is 422 IDEMPOTENCY_KEY_REUSED.',
  })
  @ApiHeader({ name: 'idempotency-key', required: false, description: '8–100 chars of A–Z a–z 0–9 _ . : -' })
  submit(@Body() dto: SubmitApplicationDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('intake', req, reply, { method: 'POST', path: '/applications', body: dto });
  }

  @Get()
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({
    summary: '办件列表. Roles: applicant (own), clerk/approver (own department), admin (all).',
  })
  list(@Query() q: ListCasesQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('intake', req, reply, { method: 'GET', path: '/applications', query: q });
  }

  @Get(':caseNo')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件详情. Roles: the applicant who owns it, staff of its department, admin.' })
  get(@Param('caseNo') caseNo: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('intake', req, reply, { method: 'GET', path: `/applications/${enc(caseNo)}` });
  }

  @Get(':caseNo/timeline')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件进度. Roles: as for the case.' })
  timeline(@Param('caseNo') caseNo: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('intake', req, reply, {
      method: 'GET',
      path: `/applications/${enc(caseNo)}/timeline`,
    });
  }

  @Post(':caseNo/accept')
  @Roles(ROLES.CLERK)
  @ApiOperation({ summary: '受理. Role: clerk of the item’s department.' })
  accept(
    @Param('caseNo') caseNo: string,
    @Body() dto: AcceptApplicationDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.up.forward('intake', req, reply, {
      method: 'POST',
      path: `/applications/${enc(caseNo)}/accept`,
      body: dto,
    });
  }

  @Post(':caseNo/reject')
  @Roles(ROLES.CLERK)
  @ApiOperation({ summary: '不予受理 with a reason. Role: clerk of the item’s department.' })
  reject(
    @Param('caseNo') caseNo: string,
    @Body() dto: RejectApplicationDto,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.up.forward('intake', req, reply, {
      method: 'POST',
      path: `/applications/${enc(caseNo)}/reject`,
      body: dto,
    });
  }
}
