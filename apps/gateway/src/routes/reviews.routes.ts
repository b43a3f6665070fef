import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListBadReviewsQuery, SubmitReviewDto } from '@app/shared/api';
import { Roles, ROLES } from '@app/shared/auth';
import { UpstreamClient } from '../proxy/upstream.client';

@ApiTags('reviews 好差评')
@ApiBearerAuth()
@Controller('api/v1')
export class ReviewsRoutes {
  constructor(private readonly up: UpstreamClient) {}

  @Post('reviews')
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary: '评价 (grade 1–5; a comment is required for 1–2). Role: the applicant of a completed case.',
  })
  submit(@Body() dto: SubmitReviewDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('evaluation', req, reply, { method: 'POST', path: '/reviews', body: dto });
  }

  @Get('reviews/:caseNo')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({
    summary: '办件评价. Roles: the applicant who owns the case, staff of its department, admin.',
  })
  get(@Param('caseNo') caseNo: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('evaluation', req, reply, {
      method: 'GET',
      path: `/reviews/${encodeURIComponent(caseNo)}`,
    });
  }

  @Get('bad-reviews')
  @Roles(ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '差评整改工单. Roles: clerk/approver (own department), admin.' })
  badReviews(@Query() q: ListBadReviewsQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('evaluation', req, reply, { method: 'GET', path: '/bad-reviews', query: q });
  }
}
