import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

export class EvaluationConfig extends ServiceConfig {
  override PORT = 3004;
  override KAFKA_CLIENT_ID = 'evaluation';
  override KAFKA_GROUP_ID = 'evaluation';

  /** 差评整改 deadline in working days (四川: 15 个工作日). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  RECTIFY_DEADLINE_WORKDAYS = 15;

  /** Natural days after completion during which the applicant may rate (广东: 7 自然日). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  RATING_WINDOW_DAYS = 7;
}
