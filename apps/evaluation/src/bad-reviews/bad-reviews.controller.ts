import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import { APPEAL_DECIDERS, WORK_ORDER_HANDLERS, WORK_ORDER_READERS } from './bad-reviews.policy';
import { ListBadReviewsQueryDto } from './dto/list-bad-reviews.query.dto';
import {
  AppealBadReviewRequestDto,
  DecideBadReviewAppealRequestDto,
  ExplainBadReviewRequestDto,
  FollowUpBadReviewRequestDto,
  RectifyBadReviewRequestDto,
  VerifyBadReviewRequestDto,
  WorkOrderIdParam,
} from './dto/work-order-commands.request.dto';
import { WorkOrderDetailView, WorkOrderView } from './dto/work-order.response.dto';
import { AppealBadReviewUseCase } from './use-cases/appeal-bad-review/appeal-bad-review.use-case';
import { BadReviewQueries } from './use-cases/bad-review-queries/bad-review-queries.use-case';
import { DecideBadReviewAppealUseCase } from './use-cases/decide-bad-review-appeal/decide-bad-review-appeal.use-case';
import { ExplainBadReviewUseCase } from './use-cases/explain-bad-review/explain-bad-review.use-case';
import { FollowUpBadReviewUseCase } from './use-cases/follow-up-bad-review/follow-up-bad-review.use-case';
import { RectifyBadReviewUseCase } from './use-cases/rectify-bad-review/rectify-bad-review.use-case';
import { VerifyBadReviewUseCase } from './use-cases/verify-bad-review/verify-bad-review.use-case';

const NOT_FOUND = '404 WORK_ORDER_NOT_FOUND for an unknown order or one of another department';
const HANDLERS = 'Roles: clerk, approver, dept_head of the order’s department.';

@ApiTags('bad-reviews 差评整改')
@ApiBearerAuth()
@Controller('bad-reviews')
export class BadReviewsController {
  constructor(
    private readonly queries: BadReviewQueries,
    private readonly verifyOrder: VerifyBadReviewUseCase,
    private readonly rectifyOrder: RectifyBadReviewUseCase,
    private readonly explainOrder: ExplainBadReviewUseCase,
    private readonly appealOrder: AppealBadReviewUseCase,
    private readonly decideOrderAppeal: DecideBadReviewAppealUseCase,
    private readonly followUpOrder: FollowUpBadReviewUseCase,
  ) {}

  @Get()
  @Roles(...WORK_ORDER_READERS)
  @ApiOperation({
    summary:
      '差评整改工单列表. Roles: clerk/approver/dept_head (own department), supervisor and admin (all).',
  })
  @ApiPageResponse(WorkOrderView)
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() q: ListBadReviewsQueryDto): Promise<Page<WorkOrderView>> {
    return this.queries.page(user, q);
  }

  @Get(':id')
  @Roles(...WORK_ORDER_READERS)
  @ApiOperation({
    summary:
      '差评整改工单 with its history. Roles: clerk/approver/dept_head (own department), supervisor, admin.',
    description: NOT_FOUND,
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param() p: WorkOrderIdParam): Promise<WorkOrderDetailView> {
    return this.queries.get(user, p.id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(...WORK_ORDER_HANDLERS)
  @ApiOperation({
    summary: `回访核实: ASSIGNED → VERIFIED. ${HANDLERS}`,
    description: `${NOT_FOUND}; 409 WORK_ORDER_STATE unless the order is ASSIGNED.`,
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404, 409)
  verify(
    @CurrentUser() user: Principal,
    @Param() p: WorkOrderIdParam,
    @Body() dto: VerifyBadReviewRequestDto,
  ): Promise<WorkOrderDetailView> {
    return this.verifyOrder.execute(user, p.id, dto);
  }

  @Post(':id/rectify')
  @HttpCode(200)
  @Roles(...WORK_ORDER_HANDLERS)
  @ApiOperation({
    summary: `整改 (立行立改 IMMEDIATE | 台账/限期整改 SCHEDULED): VERIFIED → RECTIFIED. ${HANDLERS}`,
    description: `${NOT_FOUND}; 409 WORK_ORDER_STATE unless VERIFIED. Publishes evaluation.bad-review.rectified.v1.`,
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404, 409)
  rectify(
    @CurrentUser() user: Principal,
    @Param() p: WorkOrderIdParam,
    @Body() dto: RectifyBadReviewRequestDto,
  ): Promise<WorkOrderDetailView> {
    return this.rectifyOrder.execute(user, p.id, dto);
  }

  @Post(':id/explain')
  @HttpCode(200)
  @Roles(...WORK_ORDER_HANDLERS)
  @ApiOperation({
    summary: `解释说明 (no legal basis): VERIFIED → EXPLAINED. ${HANDLERS}`,
    description: `${NOT_FOUND}; 409 WORK_ORDER_STATE unless VERIFIED. Publishes evaluation.bad-review.rectified.v1 (outcome EXPLAINED).`,
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404, 409)
  explain(
    @CurrentUser() user: Principal,
    @Param() p: WorkOrderIdParam,
    @Body() dto: ExplainBadReviewRequestDto,
  ): Promise<WorkOrderDetailView> {
    return this.explainOrder.execute(user, p.id, dto);
  }

  @Post(':id/appeal')
  @HttpCode(200)
  @Roles(...WORK_ORDER_HANDLERS)
  @ApiOperation({
    summary: `申诉 (误评 MISTAKEN | 恶意差评 MALICIOUS): VERIFIED → APPEALED. ${HANDLERS}`,
    description: `${NOT_FOUND}; 409 WORK_ORDER_STATE unless VERIFIED; 409 APPEAL_ALREADY_DECIDED for a second appeal.`,
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404, 409)
  appeal(
    @CurrentUser() user: Principal,
    @Param() p: WorkOrderIdParam,
    @Body() dto: AppealBadReviewRequestDto,
  ): Promise<WorkOrderDetailView> {
    return this.appealOrder.execute(user, p.id, dto);
  }

  @Post(':id/decide-appeal')
  @HttpCode(200)
  @Roles(...APPEAL_DECIDERS)
  @ApiOperation({
    summary: '申诉复核: UPHELD → VERIFIED, VOIDED → VOIDED (剔除统计). Role: supervisor.',
    description:
      '404 WORK_ORDER_NOT_FOUND for an unknown order; 409 WORK_ORDER_STATE unless APPEALED. VOIDED publishes ' +
      'evaluation.bad-review.closed.v1 (closure VOIDED).',
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404, 409)
  decideAppeal(
    @CurrentUser() user: Principal,
    @Param() p: WorkOrderIdParam,
    @Body() dto: DecideBadReviewAppealRequestDto,
  ): Promise<WorkOrderDetailView> {
    return this.decideOrderAppeal.execute(user, p.id, dto);
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @Roles(...WORK_ORDER_HANDLERS)
  @ApiOperation({
    summary: `回访: RECTIFIED|EXPLAINED → CLOSED. ${HANDLERS}`,
    description:
      `${NOT_FOUND}; 409 WORK_ORDER_STATE unless RECTIFIED or EXPLAINED; 422 RATER_NOT_CONTACTED when ` +
      'contacted is false. Publishes evaluation.bad-review.closed.v1 (closure FOLLOWED_UP).',
  })
  @ApiOkResponse({ type: WorkOrderDetailView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  followUp(
    @CurrentUser() user: Principal,
    @Param() p: WorkOrderIdParam,
    @Body() dto: FollowUpBadReviewRequestDto,
  ): Promise<WorkOrderDetailView> {
    return this.followUpOrder.execute(user, p.id, dto);
  }
}
