import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors } from '@app/shared/http';
import { StatisticsQueryDto, StatisticsView } from './dto/statistics.dto';
import { ComputeStatisticsUseCase } from './use-cases/compute-statistics/compute-statistics.use-case';

@ApiTags('supervision 电子监察')
@ApiBearerAuth()
@Controller('supervision')
export class StatisticsController {
  constructor(private readonly compute: ComputeStatisticsUseCase) {}

  @Get('statistics')
  @Roles(ROLES.SUPERVISOR, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary:
      '改革指标: 最多跑一次率, 一次不用跑率, 即办件当日办结率, 承诺时限压缩率, 按时办结率, 办结用时, 满意率, 主动评价率, 差评率, 差评整改率, 回访率, 一件事. Roles: supervisor, dept_head (own department).',
    description:
      'Each number comes with its numerator, denominator and formula; a number no event can give is `available: false` with a note. ' +
      '400 VALIDATION_FAILED for a period with from > to or longer than 366 days; 403 FORBIDDEN when a department head asks for another department.',
  })
  @ApiOkResponse({ type: StatisticsView })
  @ApiErrors(400, 401, 403)
  statistics(@CurrentUser() user: Principal, @Query() q: StatisticsQueryDto): Promise<StatisticsView> {
    return this.compute.execute(user, q);
  }
}
