import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import {
  CaseNoParam,
  CaseSupervisionView,
  ClockView,
  FlagView,
  ListFlagsQueryDto,
  ListLightsQueryDto,
} from './dto/lights.dto';
import { LightQueries } from './use-cases/light-queries/light-queries.use-case';

@ApiTags('supervision 电子监察')
@ApiBearerAuth()
@Controller('supervision')
export class LightsController {
  constructor(private readonly queries: LightQueries) {}

  @Get('lights')
  @Roles(ROLES.SUPERVISOR, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary:
      '红黄灯: open clocks that are red or yellow, most urgent first. Roles: supervisor, dept_head (own department).',
    description: '403 FORBIDDEN when a department head asks for another department.',
  })
  @ApiPageResponse(ClockView)
  @ApiErrors(400, 401, 403)
  lights(@CurrentUser() user: Principal, @Query() q: ListLightsQueryDto): Promise<Page<ClockView>> {
    return this.queries.lights(user, q);
  }

  @Get('flags')
  @Roles(ROLES.SUPERVISOR, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary:
      '异常行为: a second 补正 notice, a step returned, a workflow changed or a step added in flight, work after completion. Roles: supervisor, dept_head (own department).',
  })
  @ApiPageResponse(FlagView)
  @ApiErrors(400, 401, 403)
  flags(@CurrentUser() user: Principal, @Query() q: ListFlagsQueryDto): Promise<Page<FlagView>> {
    return this.queries.flags(user, q);
  }

  @Get('cases/:caseNo')
  @Roles(ROLES.SUPERVISOR, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary:
      '办件监察视图: the case, its clocks and lights, light history, 督办 items and flags. Roles: supervisor, dept_head (own department).',
    description: '404 CASE_NOT_FOUND for an unknown case or one of another department.',
  })
  @ApiOkResponse({ type: CaseSupervisionView })
  @ApiErrors(400, 401, 403, 404)
  forCase(@CurrentUser() user: Principal, @Param() p: CaseNoParam): Promise<CaseSupervisionView> {
    return this.queries.forCase(user, p.caseNo);
  }
}
