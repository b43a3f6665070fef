import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

export class IntakeConfig extends ServiceConfig {
  override PORT = 3001;
  override KAFKA_CLIENT_ID = 'intake';
  override KAFKA_GROUP_ID = 'intake';

  /** 6-digit 行政区划代码 that prefixes every 办件编号 of this deployment. */
  @Matches(/^\d{6}$/, { message: 'REGION_CODE must be a 6-digit administrative division code' })
  REGION_CODE = '330100';

  /**
   * 窗口无否决权: working days the window's chief has to confirm or overturn a clerk's 拟不予受理; after that
   * the proposal is escalated (intake.application.refusal-confirmation-overdue.v1), never decided by default.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  REFUSAL_CONFIRM_WORKDAYS = 1;
}
