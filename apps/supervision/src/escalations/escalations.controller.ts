import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import {
  AcknowledgeEscalationRequestDto,
  EscalationIdParam,
  EscalationView,
  ListEscalationsQueryDto,
  ResolveEscalationRequestDto,
} from './dto/escalation.dto';
import { AcknowledgeEscalationUseCase } from './use-cases/acknowledge-escalation/acknowledge-escalation.use-case';
import { EscalationQueries } from './use-cases/escalation-queries/escalation-queries.use-case';
import { ResolveEscalationUseCase } from './use-cases/resolve-escalation/resolve-escalation.use-case';

@ApiTags('supervision 电子监察')
@ApiBearerAuth()
@Controller('supervision/escalations')
export class EscalationsController {
  constructor(
    private readonly queries: EscalationQueries,
    private readonly acknowledge: AcknowledgeEscalationUseCase,
    private readonly resolve: ResolveEscalationUseCase,
  ) {}

  @Get()
  @Roles(ROLES.SUPERVISOR, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '督办事项列表. Roles: supervisor (all departments), dept_head (own department).',
    description: '403 FORBIDDEN when a department head asks for another department.',
  })
  @ApiPageResponse(EscalationView)
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() q: ListEscalationsQueryDto): Promise<Page<EscalationView>> {
    return this.queries.page(user, q);
  }

  @Get(':id')
  @Roles(ROLES.SUPERVISOR, ROLES.DEPT_HEAD)
  @ApiOperation({ summary: '督办事项 with its audit trail. Roles: supervisor, dept_head (own department).' })
  @ApiOkResponse({ type: EscalationView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param() p: EscalationIdParam): Promise<EscalationView> {
    return this.queries.get(user, p.id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '签收督办. Role: dept_head of the item’s department.',
    description:
      '404 NOT_FOUND for an item of another department, 409 INVALID_STATE unless the item is OPEN.',
  })
  @ApiOkResponse({ type: EscalationView })
  @ApiErrors(400, 401, 403, 404, 409)
  ack(
    @CurrentUser() user: Principal,
    @Param() p: EscalationIdParam,
    @Body() dto: AcknowledgeEscalationRequestDto,
  ): Promise<EscalationView> {
    return this.acknowledge.execute(user, p.id, dto.comment);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '办结督办 with a required comment. Role: dept_head of the item’s department.',
    description: '404 NOT_FOUND for an item of another department, 409 INVALID_STATE when already resolved.',
  })
  @ApiOkResponse({ type: EscalationView })
  @ApiErrors(400, 401, 403, 404, 409)
  resolveOne(
    @CurrentUser() user: Principal,
    @Param() p: EscalationIdParam,
    @Body() dto: ResolveEscalationRequestDto,
  ): Promise<EscalationView> {
    return this.resolve.execute(user, p.id, dto.comment);
  }
}
