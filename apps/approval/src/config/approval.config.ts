import { ServiceConfig } from '@app/shared/config';

export class ApprovalConfig extends ServiceConfig {
  override PORT = 3002;
  override KAFKA_CLIENT_ID = 'approval';
  override KAFKA_GROUP_ID = 'approval';
}
