import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse, PageQuery } from '@app/shared/http';
import { DeliveryParams, ListDeliveriesQueryDto, SubscriptionIdParam } from './dto/subscription.request.dto';
import { DeliveryView, ReplayResultView } from './dto/subscription.response.dto';
import { ReplayDeliveriesUseCase } from './use-cases/replay-deliveries/replay-deliveries.use-case';
import { SubscriptionQueries } from './use-cases/subscription-queries/subscription-queries.use-case';
import { WEBHOOKS_PATH } from './webhooks.controller';

@ApiTags('webhooks 合作方事件推送')
@ApiBearerAuth()
@Controller(WEBHOOKS_PATH)
export class WebhookDeliveriesController {
  constructor(
    private readonly queries: SubscriptionQueries,
    private readonly replay: ReplayDeliveriesUseCase,
  ) {}

  @Get(':id/deliveries')
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '推送记录 (newest first, filter by state). Role: admin.',
    description: 'PENDING (retrying), DELIVERED, DEAD (dead-lettered after the retry window).',
  })
  @ApiPageResponse(DeliveryView)
  @ApiErrors(400, 401, 403, 404)
  deliveries(
    @CurrentUser() user: Principal,
    @Param() p: SubscriptionIdParam,
    @Query() q: ListDeliveriesQueryDto,
  ): Promise<Page<DeliveryView>> {
    return this.queries.deliveryLog(user, p.id, q);
  }

  @Get(':id/dead-letters')
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '死信 (dead-lettered deliveries, newest first). Role: admin.' })
  @ApiPageResponse(DeliveryView)
  @ApiErrors(400, 401, 403, 404)
  deadLetters(
    @CurrentUser() user: Principal,
    @Param() p: SubscriptionIdParam,
    @Query() q: PageQuery,
  ): Promise<Page<DeliveryView>> {
    return this.queries.deliveryLog(user, p.id, { ...q, state: 'DEAD' });
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '重放一条推送. Role: admin.',
    description:
      'A dead-lettered or delivered delivery is queued again (same webhook-id, fresh retry window). 404 WEBHOOK_DELIVERY_NOT_FOUND, 409 WEBHOOK_DELIVERY_NOT_REPLAYABLE while it is still pending.',
  })
  @ApiOkResponse({ type: ReplayResultView })
  @ApiErrors(400, 401, 403, 404, 409)
  replayOne(@CurrentUser() user: Principal, @Param() p: DeliveryParams): Promise<ReplayResultView> {
    return this.replay.execute(user, p.id, { deliveryId: p.deliveryId });
  }

  @Post(':id/dead-letters/replay')
  @HttpCode(200)
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '重放该订阅的全部死信. Role: admin.' })
  @ApiOkResponse({ type: ReplayResultView })
  @ApiErrors(400, 401, 403, 404)
  replayDead(@CurrentUser() user: Principal, @Param() p: SubscriptionIdParam): Promise<ReplayResultView> {
    return this.replay.execute(user, p.id, 'all-dead');
  }
}
