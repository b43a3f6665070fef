import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors } from '@app/shared/http';
import { CaseReviewsView, ReviewView } from './dto/review.response.dto';
import { SubmitReviewRequestDto } from './dto/submit-review.request.dto';
import { ReviewQueries } from './use-cases/review-queries/review-queries.use-case';
import { SubmitReviewUseCase } from './use-cases/submit-review/submit-review.use-case';

@ApiTags('reviews 好差评')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly submitReview: SubmitReviewUseCase,
    private readonly queries: ReviewQueries,
  ) {}

  @Post('reviews')
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary: '评价一个已办结办件. Role: applicant who owns the case.',
    description:
      '409 CASE_NOT_RATABLE when the case is not completed or its rating window has closed, 404 CASE_NOT_FOUND ' +
      'when the case belongs to someone else, 422 COMMENT_REQUIRED for grades 1–2 without a comment, ' +
      '409 ALREADY_RATED for a second rating.',
  })
  @ApiCreatedResponse({ type: ReviewView, description: 'the review, with its work order for a bad grade' })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  submit(@CurrentUser() user: Principal, @Body() dto: SubmitReviewRequestDto): Promise<ReviewView> {
    return this.submitReview.execute(user, dto);
  }

  @Get('reviews/:caseNo')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.ADMIN)
  @ApiOperation({ summary: '办件评价. Roles: owner, staff of the department, admin.' })
  @ApiOkResponse({ type: CaseReviewsView })
  @ApiErrors(400, 401, 403, 404)
  forCase(@CurrentUser() user: Principal, @Param('caseNo') caseNo: string): Promise<CaseReviewsView> {
    return this.queries.forCase(user, caseNo);
  }
}
