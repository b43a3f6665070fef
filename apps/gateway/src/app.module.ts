import { Module } from '@nestjs/common';
import { PlatformModule } from '@app/shared/platform';
import { GatewayConfig } from './config/gateway.config';
import { PublicDocsService } from './docs/public-docs.service';
import { UpstreamClient } from './proxy/upstream.client';
import { RedisModule } from './redis/redis.module';

/** The public edge: no routes of its own beyond health and docs; everything else is forwarded by prefix. */
@Module({
  imports: [PlatformModule.forRoot({ service: 'gateway', config: GatewayConfig }), RedisModule],
  providers: [UpstreamClient, PublicDocsService],
})
export class AppModule {}
