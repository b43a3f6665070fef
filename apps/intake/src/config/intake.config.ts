import { Matches } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

export class IntakeConfig extends ServiceConfig {
  override PORT = 3001;
  override KAFKA_CLIENT_ID = 'intake';
  override KAFKA_GROUP_ID = 'intake';

  /** 6-digit 行政区划代码 that prefixes every 办件编号 of this deployment. */
  @Matches(/^\d{6}$/, { message: 'REGION_CODE must be a 6-digit administrative division code' })
  REGION_CODE = '330100';
}
