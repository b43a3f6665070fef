import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Long poll: wait until the case's version exceeds `waitVersion` (at most `waitSeconds`), then answer. */
export class GetCaseQuery {
  @ApiPropertyOptional({
    minimum: 0,
    description:
      '长轮询: 办件版本号大于此值时立即返回, 否则等待变化 / Long poll: answer as soon as the case version exceeds this (the `version` of the copy the client holds)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  waitVersion?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 20, description: 'longest wait in seconds' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  waitSeconds?: number;
}
