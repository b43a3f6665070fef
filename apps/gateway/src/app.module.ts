import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/shared/platform';
import { AsyncApiModule } from './asyncapi/asyncapi.module';
import { GatewayConfig } from './config/gateway.config';
import { DashboardModule } from './dashboard/dashboard.module';
import { PublicDocsService } from './docs/public-docs.service';
import { UpstreamClient } from './proxy/upstream.client';
import { RedisModule } from './redis/redis.module';

/**
 * The public edge: no routes of its own beyond health, docs and the supervision dashboard page (/dashboard);
 * everything else is forwarded by prefix.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ service: 'gateway', config: GatewayConfig }),
    RedisModule,
    DashboardModule,
    AsyncApiModule,
  ],
  providers: [UpstreamClient, PublicDocsService],
})
export class AppModule {}
