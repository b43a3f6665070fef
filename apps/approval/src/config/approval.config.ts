import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@app/shared/config';

const maxWorkdays = (): PropertyDecorator => (target, key) => {
  Type(() => Number)(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(250)(target, key);
};

export class ApprovalConfig extends ServiceConfig {
  override PORT = 3002;
  override KAFKA_CLIENT_ID = 'approval';
  override KAFKA_GROUP_ID = 'approval';

  /**
   * Maximum duration of a 特别程序 per type, in working days from its start (the expected end date may
   * not lie later). Defaults are the platform's own choice [I]; set them from the province's rules.
   */
  @maxWorkdays() SPECIAL_MAX_WORKDAYS_HEARING = 20; // 2 听证
  @maxWorkdays() SPECIAL_MAX_WORKDAYS_PUBLICITY = 10; // 3 公示
  @maxWorkdays() SPECIAL_MAX_WORKDAYS_VERIFICATION = 10; // 4 核实
  @maxWorkdays() SPECIAL_MAX_WORKDAYS_TESTING = 60; // 7 检验检测
  @maxWorkdays() SPECIAL_MAX_WORKDAYS_EXPERT_REVIEW = 30; // 8 专家评审
}
