import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import { AnswerFeedbackDto, FeedbackView, ListFeedbackQuery, RaiseFeedbackDto } from './dto/feedback.dto';
import { FeedbackQueries } from './queries/feedback-queries.service';
import { AnswerFeedbackUseCase } from './use-cases/answer-feedback/answer-feedback.use-case';
import { RaiseFeedbackUseCase } from './use-cases/raise-feedback/raise-feedback.use-case';

/**
 * "办不成事" 反映 and the chief's written answer (首问负责). Registered before ApplicationsController so that
 * `GET /applications/feedback` is this list, not the case `feedback` (Fastify also prefers static segments).
 */
@ApiTags('applications 办件')
@ApiBearerAuth()
@Controller('applications')
export class FeedbackController {
  constructor(
    private readonly raise: RaiseFeedbackUseCase,
    private readonly answerFeedback: AnswerFeedbackUseCase,
    private readonly queries: FeedbackQueries,
  ) {}

  @Get('feedback')
  @Roles(ROLES.CHIEF, ROLES.ADMIN)
  @ApiOperation({
    summary: '"办不成事" work list: a chief sees their department’s items, admin all; newest first.',
  })
  @ApiPageResponse(FeedbackView)
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() q: ListFeedbackQuery): Promise<Page<FeedbackView>> {
    return this.queries.list(user, q);
  }

  @Post(':caseNo/cannot-get-done')
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '"办不成事" 反映 (the applicant who filed the case; anyone else 404): opens a feedback item for the chief of the case’s department; at most one open per case (409).',
  })
  @ApiCreatedResponse({ type: FeedbackView })
  @ApiErrors(400, 401, 403, 404, 409)
  raiseFeedback(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Body() dto: RaiseFeedbackDto,
  ): Promise<FeedbackView> {
    return this.raise.execute({ user, caseNo, reason: dto.reason });
  }

  @Post(':caseNo/cannot-get-done/:id/answer')
  @HttpCode(200)
  @Roles(ROLES.CHIEF)
  @ApiOperation({
    summary:
      '书面答复 of a "办不成事" item (chief 首席代表 of the case’s department; another department’s case is 404); an item already answered is 409.',
  })
  @ApiOkResponse({ type: FeedbackView })
  @ApiErrors(400, 401, 403, 404, 409)
  answer(
    @CurrentUser() user: Principal,
    @Param('caseNo') caseNo: string,
    @Param('id') id: string,
    @Body() dto: AnswerFeedbackDto,
  ): Promise<FeedbackView> {
    return this.answerFeedback.execute({ user, caseNo, feedbackId: id, answer: dto.answer });
  }
}
