import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListBadReviewsQuery, SubmitReviewDto } from './dto/reviews.dto';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews 好差评')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('reviews')
  @Roles(ROLES.APPLICANT)
  @ApiOperation({ summary: '评价一个已办结办件. Role: applicant who owns the case.' })
  submit(@CurrentUser() user: Principal, @Body() dto: SubmitReviewDto) {
    return this.reviews.submit(user, dto);
  }

  @Get('reviews/:caseNo')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件评价. Roles: owner, staff of the department, admin.' })
  forCase(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string) {
    return this.reviews.forCase(user, caseNo);
  }

  @Get('bad-reviews')
  @Roles(ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '差评整改工单. Roles: clerk/approver (own department), admin.' })
  badReviews(@CurrentUser() user: Principal, @Query() q: ListBadReviewsQuery) {
    return this.reviews.badReviews(user, q);
  }
}
